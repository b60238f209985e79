package io.gatewatch.schema.parse;

/** TEMPORARY STUB. */
public final class RouteTemplater {
    public String template(String path) { return path.replaceAll("/\\d+", "/{id}"); }
}
