package io.gatewatch.schema.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What looks like a credential: a parameter by its name, a value by its shape (JWTs, vendor key
 * prefixes, AWS access key ids, long hex or base64) or by its entropy. Query values are judged with
 * every rule; path segments with the shape and entropy rules but not the hex one, because REST paths
 * are full of hex ids (object ids, digests, commit hashes) that the route templater turns into
 * {@code {id}} and the detectors count.
 */
public final class SecretShapes {
    /** Names (lower-case, separators removed) that are a secret whatever their value. */
    private static final Set<String> EXACT = Set.of("key", "sig", "sid", "code", "auth", "pwd", "pass", "otp",
            "jwt", "token", "secret", "session", "password", "passwd", "signature", "apikey", "hash", "nonce",
            "credential", "credentials", "authorization", "passcode", "pin", "ticket", "state");

    /**
     * Names that look like credentials but carry none, and whose value reconnaissance detection and
     * analysts need: Xdebug's session trigger (its value is an IDE name), a classic scanner probe.
     */
    private static final Set<String> NOT_SECRET = Set.of("xdebugsessionstart", "xdebugsession", "xdebugsessionstop");

    /** Name parts that make any name containing them a secret, e.g. {@code x_auth_token}, {@code jsessionid}. */
    private static final String[] PARTS = {"token", "secret", "passw", "apikey", "accesskey", "privatekey", "authkey",
            "signature", "session", "sessid", "credential", "jwt", "authorization", "passphrase", "authcode"};

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.eyJ[A-Za-z0-9_-]{2,}\\..*");
    private static final Pattern VENDOR = Pattern.compile(
            "(?:[sprk]k_(?:live|test)_|rk_(?:live|test)_|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|AIza|ya29\\.|npm_|"
                    + "SG\\.|shpat_|shpss_|sq0atp-|EAAC|AccountKey=|SharedAccessSignature|hf_)[A-Za-z0-9_.=/+-]{8,}.*");
    private static final Pattern AWS_ACCESS_KEY = Pattern.compile("(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final int MIN_ENTROPY_LENGTH = 20;
    /** Bits per character; random base62 of 20 characters scores about 4.0, words and slugs under 3.5. */
    static final double MIN_ENTROPY = 3.6;
    static final int MIN_HEX_LENGTH = 32;
    static final int MIN_BASE64_LENGTH = 40;

    private SecretShapes() {
    }

    /** True when a parameter of this name (already percent-decoded) carries a secret. */
    public static boolean isSecretName(String rawName) {
        String lower = rawName.toLowerCase(Locale.ROOT).strip();
        StringBuilder compact = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ' && c != '[' && c != ']') {
                compact.append(c);
            }
        }
        String n = compact.toString();
        if (NOT_SECRET.contains(n)) {
            return false;
        }
        if (EXACT.contains(n)) {
            return true;
        }
        for (String part : PARTS) {
            if (n.contains(part)) {
                return true;
            }
        }
        // access_key, client-key, x.api.key, accessKey; but not monkey or keyword
        return endsWithWord(rawName, "key") || endsWithWord(rawName, "pwd") || endsWithWord(rawName, "sig");
    }

    private static boolean endsWithWord(String name, String word) {
        int at = name.length() - word.length();
        if (at <= 0 || !name.regionMatches(true, at, word, 0, word.length())) {
            return false;
        }
        char before = name.charAt(at - 1);
        boolean camel = Character.isLowerCase(before) && Character.isUpperCase(name.charAt(at));
        return before == '-' || before == '_' || before == '.' || camel;
    }

    /** True for a query value that is a credential by shape or entropy. */
    public static boolean isSecretValue(String v) {
        return isSecretSegment(v) || isLongHex(v) || isLongBase64(v);
    }

    /** True for a path segment that is a credential by shape or entropy (hex ids excepted). */
    public static boolean isSecretSegment(String v) {
        if (v.length() < 16) {
            return false;
        }
        if (JWT.matcher(v).matches() || VENDOR.matcher(v).matches() || AWS_ACCESS_KEY.matcher(v).matches()) {
            return true;
        }
        return isHighEntropyToken(v);
    }

    /**
     * 20 characters or more of a token alphabet, with upper case, lower case and digits mixed, and a high
     * Shannon entropy; never a UUID, a number or hex, which are ids.
     */
    static boolean isHighEntropyToken(String v) {
        if (v.length() < MIN_ENTROPY_LENGTH || UUID.matcher(v).matches()) {
            return false;
        }
        int upper = 0;
        int lower = 0;
        int digits = 0;
        int separators = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '-' || c == '_' || c == '+' || c == '/' || c == '=' || c == '.' || c == '~') {
                separators++;
            } else {
                return false;
            }
        }
        // Slugs and dotted names have many separators; tokens have few.
        if (upper == 0 || lower == 0 || digits == 0 || separators * 8 > v.length()) {
            return false;
        }
        return entropy(v) >= MIN_ENTROPY;
    }

    static boolean isLongHex(String v) {
        if (v.length() < MIN_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    static boolean isLongBase64(String v) {
        if (v.length() < MIN_BASE64_LENGTH) {
            return false;
        }
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                letter = true;
            } else if (c != '+' && c != '/' && c != '=' && c != '-' && c != '_') {
                return false;
            }
        }
        return digit && letter;
    }

    /** Shannon entropy of the characters of {@code v}, in bits per character. */
    static double entropy(String v) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double n = v.length();
        double h = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = count / n;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = other / n;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }
}
