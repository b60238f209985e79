package io.gatewatch.models.behaviour;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import smile.anomaly.IsolationForest;

/**
 * An isolation forest (Smile) trained on benign {@link BehaviourFeatures}, with the training mean and
 * standard deviation of each feature so that a score can be explained by the features furthest from
 * normal.
 *
 * <p>Scores are calibrated on the training data. Smile's raw isolation score ({@code 2^(-depth/c(n))})
 * crowds into a narrow band: on ordinary traffic the median is about 0.49 and even a scanner far outside
 * every training range only reaches about 0.65, because a point beyond the edge is isolated no faster
 * than the edge itself. So the score reported is {@code 0.5 + 0.5 (raw - p99) / (p99 - p50)}, clamped to
 * 0..1, with p50 and p99 the raw scores of the training vectors: the 99th percentile of training maps to
 * 0.5 and the default threshold 0.75 means half as far again above p99 as p99 is above the median.
 *
 * <p>File format: a header written with {@link DataOutputStream} ({@link #MAGIC}, format version,
 * interval in ms, the feature names in order, vector count, means, standard deviations, raw p50 and p99),
 * then the
 * forest as Java serialisation, which is how Smile persists its models. The header is checked before
 * the forest is read, so a file from another tool or a model trained on another feature vector is
 * refused with a reason, and deserialisation is limited to Smile's isolation-forest classes.
 */
public final class AnomalyModel {
    public static final String MAGIC = "gatewatch-anomaly-model";
    public static final int FORMAT_VERSION = 1;
    private static final int TREES = 100;
    private static final ObjectInputFilter ONLY_FOREST = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxbytes=268435456;smile.anomaly.*;java.lang.Object;!*");

    private final IsolationForest forest;
    private final Header header;

    /** Everything in the file but the forest: what the model was trained on. */
    public record Header(long intervalMs, List<String> features, int vectors, double[] means, double[] stddevs,
            double rawP50, double rawP99) {
        public Header {
            features = List.copyOf(features);
            means = means.clone();
            stddevs = stddevs.clone();
        }
    }

    /** One feature's distance from its training mean, in training standard deviations (signed). */
    public record Deviation(String feature, double value, double mean, double z) {
    }

    private AnomalyModel(IsolationForest forest, Header header) {
        this.forest = forest;
        this.header = header;
    }

    /**
     * Trains on benign vectors (each {@link BehaviourFeatures#DIMENSION} long).
     *
     * @param intervalMs the interval the vectors were counted over; the detector must use the same
     */
    public static AnomalyModel train(double[][] vectors, long intervalMs) {
        if (vectors.length < 2) {
            throw new IllegalArgumentException("need at least 2 vectors to train, got " + vectors.length);
        }
        int d = BehaviourFeatures.DIMENSION;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] v : vectors) {
            if (v.length != d) {
                throw new IllegalArgumentException("a behaviour vector has " + d + " values, not " + v.length);
            }
            for (int i = 0; i < d; i++) {
                mean[i] += v[i] / vectors.length;
            }
        }
        for (double[] v : vectors) {
            for (int i = 0; i < d; i++) {
                sd[i] += (v[i] - mean[i]) * (v[i] - mean[i]) / vectors.length;
            }
        }
        for (int i = 0; i < d; i++) {
            sd[i] = Math.sqrt(sd[i]);
        }
        // Standard isolation forest (extension level 0: axis-parallel cuts), about 256 samples per tree as
        // in Liu et al.; a small training set nearly whole (Smile wants a rate below 1). Depth 0 lets Smile
        // use log2(sample size).
        double subsample = Math.min(0.9, 256.0 / vectors.length);
        IsolationForest forest = IsolationForest.fit(vectors, new IsolationForest.Options(TREES, 0, subsample, 0));
        double[] raw = forest.score(vectors);
        java.util.Arrays.sort(raw);
        return new AnomalyModel(forest, new Header(intervalMs, BehaviourFeatures.NAMES, vectors.length, mean, sd,
                percentile(raw, 0.5), percentile(raw, 0.99)));
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    public Header header() {
        return header;
    }

    /** 0..1, calibrated (see the class comment): 0.5 is the 99th percentile of the training data. */
    public double score(double[] vector) {
        double spread = Math.max(header.rawP99 - header.rawP50, 1e-3);
        double s = 0.5 + 0.5 * (forest.score(vector) - header.rawP99) / spread;
        return Math.clamp(s, 0.0, 1.0);
    }

    /** Smile's own isolation score, before calibration. */
    public double rawScore(double[] vector) {
        return forest.score(vector);
    }

    /** The {@code n} features furthest from their training mean, furthest first. */
    public List<Deviation> furthest(double[] vector, int n) {
        List<Deviation> all = new ArrayList<>();
        for (int i = 0; i < vector.length; i++) {
            // A feature constant in training (sd 0) is measured against a small floor, not infinity.
            double sd = Math.max(header.stddevs[i], 1e-3);
            all.add(new Deviation(header.features.get(i), vector[i], header.means[i], (vector[i] - header.means[i]) / sd));
        }
        all.sort(Comparator.comparingDouble((Deviation x) -> -Math.abs(x.z())));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    public void save(Path file) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file))) {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(header.intervalMs);
            out.writeInt(header.features.size());
            for (String f : header.features) {
                out.writeUTF(f);
            }
            out.writeInt(header.vectors);
            for (double m : header.means) {
                out.writeDouble(m);
            }
            for (double s : header.stddevs) {
                out.writeDouble(s);
            }
            out.writeDouble(header.rawP50);
            out.writeDouble(header.rawP99);
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(forest);
            objects.flush();
        }
    }

    /** Reads and checks only the header: for config validation, without deserialising the forest. */
    public static Header readHeader(Path file) throws AnomalyModelException {
        try (InputStream in = open(file)) {
            return readHeader(file, new DataInputStream(in));
        } catch (IOException e) {
            throw new AnomalyModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    public static AnomalyModel load(Path file) throws AnomalyModelException {
        try (InputStream in = open(file)) {
            DataInputStream data = new DataInputStream(in);
            Header header = readHeader(file, data);
            ObjectInputStream objects = new ObjectInputStream(data);
            objects.setObjectInputFilter(ONLY_FOREST);
            if (!(objects.readObject() instanceof IsolationForest forest)) {
                throw new AnomalyModelException("model file " + file + " does not hold an isolation forest");
            }
            return new AnomalyModel(forest, header);
        } catch (InvalidClassException | ClassNotFoundException e) {
            throw new AnomalyModelException("model file " + file + " holds a forest this Gatewatch cannot read ("
                    + e.getMessage() + "): retrain it with ./detector train", e);
        } catch (IOException e) {
            throw new AnomalyModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws AnomalyModelException, IOException {
        try {
            return new BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new AnomalyModelException("model file " + file + " does not exist: train one with ./detector train");
        }
    }

    private static Header readHeader(Path file, DataInputStream in) throws AnomalyModelException, IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (EOFException | java.io.UTFDataFormatException e) {
            magic = null;
        }
        if (!MAGIC.equals(magic)) {
            throw new AnomalyModelException("model file " + file + " is not a Gatewatch anomaly model"
                    + " (it does not start with '" + MAGIC + "')");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new AnomalyModelException("model file " + file + " has format version " + version
                    + ", this Gatewatch reads version " + FORMAT_VERSION + ": retrain it with ./detector train");
        }
        long intervalMs = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > 1000) {
            throw new AnomalyModelException("model file " + file + " is corrupt (" + count + " features)");
        }
        List<String> features = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            features.add(in.readUTF());
        }
        if (!features.equals(BehaviourFeatures.NAMES)) {
            throw new AnomalyModelException("model file " + file + " was trained on features " + features
                    + " but this Gatewatch computes " + BehaviourFeatures.NAMES + ": retrain it with ./detector train");
        }
        int vectors = in.readInt();
        double[] means = new double[count];
        double[] sds = new double[count];
        for (int i = 0; i < count; i++) {
            means[i] = in.readDouble();
        }
        for (int i = 0; i < count; i++) {
            sds[i] = in.readDouble();
        }
        return new Header(intervalMs, features, vectors, means, sds, in.readDouble(), in.readDouble());
    }
}
