package io.gatewatch.models.behaviour;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import smile.anomaly.IsolationForest;

/**
 * A trained anomaly model: its {@link Header} (what it was trained on, its peer reference and its
 * calibration) and its {@link Scorer}. Scores a {@link Snapshot} at every scale the client was busy
 * enough at, and explains a score by ablation.
 *
 * <p>Bytes: {@link #MAGIC}, format version, the header's length and bytes, then for an isolation forest
 * the forests as Java serialisation (how Smile persists models), read back through a filter that admits
 * Smile's isolation-forest classes only. The header is checked before any forest is read, so a file from
 * another tool, format or feature vector is refused with a reason. The same bytes are a file written by
 * {@code ./detector train} and a record of the models topic.
 */
public final class AnomalyModel {
    public static final String MAGIC = "gatewatch-anomaly-model";
    public static final int FORMAT_VERSION = 2;
    private static final ObjectInputFilter ONLY_FORESTS = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxbytes=268435456;smile.anomaly.*;java.lang.Object;!*");

    private final Header header;
    private final Scorer scorer;

    /**
     * What the model was trained on.
     *
     * @param version      increases with every model a trainer publishes (1 for a file from {@code train})
     * @param trainedFrom  event time (epoch ms) of the first training minute
     * @param trainedTo    event time (epoch ms) the training window ended
     * @param minRequests  a scale with fewer requests in a snapshot was neither learned nor is judged
     * @param vectors      snapshots trained on
     * @param clients      distinct clients they came from
     */
    public record Header(long version, Algorithm algorithm, long trainedFrom, long trainedTo, int minRequests,
            List<String> features, int vectors, int clients, TrainingQuantiles reference, Calibration calibration) {
        public Header {
            features = List.copyOf(features);
        }

        Header withVersion(long v) {
            return new Header(v, algorithm, trainedFrom, trainedTo, minRequests, features, vectors, clients, reference,
                    calibration);
        }
    }

    /**
     * One feature's share in a score.
     *
     * @param contribution its share in the score (see {@link #explain}): its own term for robust z, the
     *                     fall of the score when it alone is set to the peers' median for the forest
     * @param relative     the value in peer spreads above the median (1 = at the peers' p99)
     */
    public record Contribution(int index, String feature, String description, double value, double peersMedian,
            double peersP99, double relative, double contribution) {
    }

    /** @param scale the scale whose score was highest, null when no scale was busy enough to judge */
    public record Verdict(double score, Scale scale) {
    }

    AnomalyModel(Header header, Scorer scorer) {
        this.header = header;
        this.scorer = scorer;
    }

    public Header header() {
        return header;
    }

    Scorer scorer() {
        return scorer;
    }

    public PeerReference reference() {
        return header.reference();
    }

    /** The same model under another published version number. */
    public AnomalyModel withVersion(long version) {
        return new AnomalyModel(header.withVersion(version), scorer);
    }

    /** The threshold for a false-positive budget (benign clients a day): see {@link Calibration}. */
    public double threshold(double falsePositivesPerDay) {
        return header.calibration().threshold(falsePositivesPerDay);
    }

    /** The highest raw score over the scales the snapshot can be judged at, for a client the model does not know. */
    public Verdict score(Snapshot s) {
        return score(s.values(), s, null);
    }

    /** As {@link #score(Snapshot)}, for the client of that key (a client busy in training is judged by its own range too). */
    public Verdict score(Snapshot s, String client) {
        return score(s.values(), s, client);
    }

    private Verdict score(double[] values, Snapshot s, String client) {
        double best = Double.NEGATIVE_INFINITY;
        Scale at = null;
        double[] rel = new double[Feature.COUNT];
        for (Scale scale : Scale.values()) {
            if (s.requests(scale) < header.minRequests()) {
                continue;
            }
            int base = scale.ordinal() * Feature.COUNT;
            for (int f = 0; f < Feature.COUNT; f++) {
                rel[f] = header.reference().relative(base + f, values[base + f]);
            }
            double v = scorer.score(scale, rel, client);
            if (!Double.isNaN(v) && v > best) {
                best = v;
                at = scale;
            }
        }
        return new Verdict(at == null ? Double.NaN : best, at);
    }

    /**
     * The {@code n} features that drove the score, largest contribution first. For the robust z-score model
     * a feature's contribution is its own term (the score is the largest term, so the top one is the score
     * itself: exact, not an approximation). For the isolation forest it is found by ablation: each judged
     * value in turn is set to the peers' median and its scale rescored; the larger the fall, the more that
     * feature drove it (per scale, because the combined score is the largest scale's and ablating one
     * scale's feature leaves the others). Ties go to the value furthest above its peers.
     */
    public List<Contribution> explain(Snapshot s, String client, int n) {
        double[] values = s.values();
        List<Contribution> all = new ArrayList<>();
        double[] rel = new double[Feature.COUNT];
        for (Scale scale : Scale.values()) {
            if (s.requests(scale) < header.minRequests()) {
                continue;
            }
            int base = scale.ordinal() * Feature.COUNT;
            for (int f = 0; f < Feature.COUNT; f++) {
                rel[f] = header.reference().relative(base + f, values[base + f]);
            }
            double[] terms = scorer instanceof RobustZScorer z ? z.terms(scale, rel, client) : null;
            double full = scorer.score(scale, rel, client);
            for (int f = 0; f < Feature.COUNT; f++) {
                int i = base + f;
                double contribution;
                if (terms != null) {
                    contribution = terms[f];
                } else {
                    double original = rel[f];
                    rel[f] = 0; // the peers' median, relative
                    contribution = Math.max(0, full - scorer.score(scale, rel, client));
                    rel[f] = original;
                }
                all.add(new Contribution(i, FeatureSpace.NAMES.get(i), FeatureSpace.describe(i), values[i],
                        header.reference().median(i), header.reference().p99(i), rel[f], contribution));
            }
        }
        all.sort(Comparator.comparingDouble(Contribution::contribution).thenComparingDouble(Contribution::relative)
                .reversed());
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] head = encodeHeader();
            out.writeInt(head.length);
            out.write(head);
            if (scorer instanceof ForestScorer f) {
                ObjectOutputStream objects = new ObjectOutputStream(out);
                objects.writeObject(f.forests());
                objects.flush();
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream", e);
        }
    }

    public void save(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    private byte[] encodeHeader() {
        ByteWriter w = new ByteWriter(4096);
        w.writeVarLong(header.version());
        w.writeString(header.algorithm().id());
        w.writeVarLong(header.trainedFrom());
        w.writeVarLong(header.trainedTo());
        w.writeVarInt(header.minRequests());
        w.writeVarInt(header.features().size());
        for (String f : header.features()) {
            w.writeString(f);
        }
        w.writeVarInt(header.vectors());
        w.writeVarInt(header.clients());
        header.reference().writeTo(w);
        header.calibration().writeTo(w);
        switch (scorer) {
            case RobustZScorer z -> {
                for (double e : z.extremes()) {
                    w.writeDouble(e);
                }
                w.writeVarInt(z.own().size());
                z.own().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> {
                    w.writeString(en.getKey());
                    for (double v : en.getValue()) {
                        w.writeDouble(v);
                    }
                });
            }
            case ForestScorer f -> {
                for (int s = 0; s < Scale.values().length; s++) {
                    w.writeDouble(f.rawP50()[s]);
                    w.writeDouble(f.rawP99()[s]);
                }
            }
        }
        return w.toByteArray();
    }

    /** Reads and checks only the header: for config validation, without deserialising any forest. */
    public static Header readHeader(Path file) throws AnomalyModelException {
        return decode(read(file), "model file " + file, false).header;
    }

    public static AnomalyModel load(Path file) throws AnomalyModelException {
        return decode(read(file), "model file " + file, true);
    }

    /** @param source what the bytes are, for messages ("model file x", "models topic record 12") */
    public static AnomalyModel fromBytes(byte[] bytes, String source) throws AnomalyModelException {
        return decode(bytes, source, true);
    }

    private static byte[] read(Path file) throws AnomalyModelException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AnomalyModelException("model file " + file + " does not exist: train one with ./detector train");
        } catch (IOException e) {
            throw new AnomalyModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static AnomalyModel decode(byte[] bytes, String source, boolean withScorer) throws AnomalyModelException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            magic = null;
        }
        if (!MAGIC.equals(magic)) {
            throw new AnomalyModelException(source + " is not a Gatewatch anomaly model (it does not start with '"
                    + MAGIC + "')");
        }
        try {
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new AnomalyModelException(source + " has format version " + version + ", this Gatewatch reads"
                        + " version " + FORMAT_VERSION + ": retrain it with ./detector train");
            }
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new EOFException("header of " + length + " bytes");
            }
            byte[] head = in.readNBytes(length);
            ByteReader r = new ByteReader(head);
            long modelVersion = r.readVarLong();
            Algorithm algorithm;
            try {
                algorithm = Algorithm.of(r.readString());
            } catch (IllegalArgumentException e) {
                throw new AnomalyModelException(source + ": " + e.getMessage());
            }
            long from = r.readVarLong();
            long to = r.readVarLong();
            int minRequests = r.readVarInt();
            int count = r.readVarInt();
            if (count < 0 || count > 1000) {
                throw new AnomalyModelException(source + " is corrupt (" + count + " features)");
            }
            List<String> features = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                features.add(r.readString());
            }
            if (!features.equals(FeatureSpace.NAMES)) {
                throw new AnomalyModelException(source + " was trained on features " + features
                        + " but this Gatewatch computes " + FeatureSpace.NAMES + ": retrain it with ./detector train");
            }
            int vectors = r.readVarInt();
            int clients = r.readVarInt();
            TrainingQuantiles reference = TrainingQuantiles.readFrom(r, count);
            Calibration calibration = Calibration.readFrom(r);
            Header header = new Header(modelVersion, algorithm, from, to, minRequests, features, vectors, clients,
                    reference, calibration);
            Scorer scorer = null;
            int scales = Scale.values().length;
            switch (algorithm) {
                case ROBUST_Z -> {
                    double[] e = new double[count];
                    for (int i = 0; i < count; i++) {
                        e[i] = r.readDouble();
                    }
                    int known = r.readVarInt();
                    if (known < 0 || known > RobustZScorer.MAX_KNOWN) {
                        throw new AnomalyModelException(source + " is corrupt (" + known + " known clients)");
                    }
                    Map<String, double[]> own = new HashMap<>();
                    for (int k = 0; k < known; k++) {
                        String key = r.readString();
                        double[] v = new double[count];
                        for (int i = 0; i < count; i++) {
                            v[i] = r.readDouble();
                        }
                        own.put(key, v);
                    }
                    scorer = new RobustZScorer(e, own);
                }
                case ISOLATION_FOREST -> {
                    double[] p50 = new double[scales];
                    double[] p99 = new double[scales];
                    for (int s = 0; s < scales; s++) {
                        p50[s] = r.readDouble();
                        p99[s] = r.readDouble();
                    }
                    if (withScorer) {
                        ObjectInputStream objects = new ObjectInputStream(in);
                        objects.setObjectInputFilter(ONLY_FORESTS);
                        if (!(objects.readObject() instanceof IsolationForest[] forests) || forests.length != scales) {
                            throw new AnomalyModelException(source + " does not hold " + scales + " isolation forests");
                        }
                        scorer = new ForestScorer(forests, p50, p99);
                    }
                }
            }
            return new AnomalyModel(header, scorer);
        } catch (InvalidClassException | ClassNotFoundException e) {
            throw new AnomalyModelException(source + " holds a forest this Gatewatch cannot read (" + e.getMessage()
                    + "): retrain it with ./detector train", e);
        } catch (EOFException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new AnomalyModelException(source + " is truncated or corrupt: retrain it with ./detector train", e);
        } catch (IOException e) {
            throw new AnomalyModelException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }
}
