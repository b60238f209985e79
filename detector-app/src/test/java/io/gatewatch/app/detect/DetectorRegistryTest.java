package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.ToyConfig;
import io.gatewatch.schema.detector.DetectorInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectorRegistryTest {

    @Test
    void shouldRefuseTwoDetectorsWithOneStateTagNamingBoth() {
        DetectorDescriptor<ToyConfig> clash = new DetectorDescriptor<>(ToyDetector.DESCRIPTOR.info(), DetectorScope.CLIENT,
                ToyDetector.DESCRIPTOR.config(), new StateSection<>(CredentialStuffingDetector.DESCRIPTOR.state().tag(), 1,
                        c -> List.of()), ToyDetector::new, c -> java.util.Optional.empty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectorRegistry.standard().with(clash));
        assertEquals("detectors credential_stuffing and toy_probe both declare state tag 1; each needs a tag of its own",
                e.getMessage());
    }

    @Test
    void shouldRefuseTwoDetectorsWithOneIdNamingBoth() {
        DetectorDescriptor<ToyConfig> twin = DetectorDescriptor.client(
                new DetectorInfo(ToyConfig.ID, "Toy twin", null, ToyDetector.DESCRIPTOR.info().analytic(), List.of(),
                        List.of(), null),
                new ConfigSection<>(ToyConfig.ID, ToyConfig.class, ToyConfig::read, ToyConfig.KEYS, Set.of()),
                new StateSection<>(43, 1, c -> List.of()), ToyDetector::new);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectorRegistry.standard().with(ToyDetector.DESCRIPTOR, twin));
        assertEquals("two detectors declare the id toy_probe: Toy probing and Toy twin", e.getMessage());
    }

    @Test
    void shouldGiveEveryShippedDetectorItsOwnTagAndADocPage() {
        List<DetectorDescriptor<?>> all = DetectorRegistry.standard().descriptors();
        assertTrue(all.size() >= 5);
        assertEquals(all.size(), all.stream().map(d -> d.state().tag()).distinct().count());
        assertTrue(all.stream().allMatch(d -> d.info().docPage() != null && d.info().title() != null));
    }

    @Test
    void shouldChangeAFingerprintWhenAShapingValueChangesAndOnlyThen() throws Exception {
        var loader = new io.gatewatch.app.config.ConfigLoader(Set.of("nginx"), n -> List.of());
        var a = loader.parse("detectors:\n  reconnaissance:\n    fast_window: 1m\n", "a.yaml");
        var b = loader.parse("detectors:\n  reconnaissance:\n    fast_window: 2m\n", "b.yaml");
        var c = loader.parse("detectors:\n  reconnaissance:\n    fast_window: 1m\n    severity: high\n", "c.yaml");
        var recon = ReconnaissanceDetector.DESCRIPTOR;
        int fa = recon.fingerprint(a.detectors().get(1).base());
        assertTrue(fa != recon.fingerprint(b.detectors().get(1).base()), "a window length reshapes the state");
        assertEquals(fa, recon.fingerprint(c.detectors().get(1).base()), "a severity does not");
    }

    @Test
    void shouldPointEveryDetectorAtADocPageThatNamesItAndItsTechnique() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("..");
        for (DetectorDescriptor<?> d : DetectorRegistry.standard().descriptors()) {
            String page = java.nio.file.Files.readString(root.resolve(d.info().docPage()));
            assertTrue(page.startsWith("# " + d.id() + "\n"), d.info().docPage() + " is headed by the detector's id");
            if (d.info().attack() != null) {
                assertTrue(page.contains(d.info().attack().techniqueId()), d.info().docPage() + " names its technique");
            }
            assertTrue(page.contains(d.info().analytic().caption()), d.info().docPage() + " names its OCSF analytic");
        }
    }
}
