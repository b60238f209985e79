package io.gatewatch.alerting.format;

/** Who produced an alert, as SIEM formats name it (OCSF metadata.product, CEF device fields, ECS observer). */
public record Product(String vendor, String name, String version) {
    public static Product gatewatch() {
        String v = Product.class.getPackage().getImplementationVersion();
        return new Product("Gatewatch", "Gatewatch", v == null ? "0.1.0" : v);
    }
}
