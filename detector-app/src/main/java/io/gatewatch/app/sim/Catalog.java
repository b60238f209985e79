package io.gatewatch.app.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The simulated shop: its products, searches, the browsers that call it and what scanners look for. */
final class Catalog {
    static final String SHOP = "https://shop.example.com/";
    static final int FIRST_PRODUCT = 1000;
    static final int PRODUCTS = 4000;

    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
            "ShopApp/4.12.1 (iPhone; iOS 18.1; Scale/3.00)",
            "ShopApp/4.12.0 (Android 14; SM-A546B)",
            "ShopApp/4.11.3 (Android 13; Pixel 6a)");

    static final List<String> MOBILE = BROWSERS.stream()
            .filter(ua -> ua.contains("Mobile") || ua.startsWith("ShopApp")).toList();

    static final List<String> CATEGORIES = List.of(
            "shoes", "jackets", "bags", "watches", "kitchen", "garden", "toys", "books", "audio", "laptops",
            "phones", "sports", "outdoor", "beauty", "home-office");

    static final List<String> SEARCHES = List.of(
            "running+shoes", "rain+jacket", "usb-c+cable", "coffee+grinder", "wireless+earbuds", "backpack",
            "office+chair", "yoga+mat", "desk+lamp", "hiking+boots", "phone+case", "water+bottle", "air+fryer",
            "gift+card", "kids+bike", "monitor+27", "mechanical+keyboard", "wool+socks", "tent", "sunglasses",
            "scarf", "bluetooth+speaker", "cast+iron+pan", "notebook", "winter+gloves", "blender", "snow+boots");

    /**
     * Paths vulnerability scanners and recon scripts probe: leaked config and VCS files, admin panels,
     * framework debug endpoints, backups, API descriptions and well-known device exploits.
     */
    static final List<String> PROBES = List.of(
            "/.env", "/.env.local", "/.env.production", "/.env.backup", "/api/.env", "/api/v1/.env", "/backend/.env",
            "/laravel/.env", "/admin/.env", "/.git/config", "/.git/HEAD", "/.gitignore", "/.svn/entries",
            "/.hg/hgrc", "/.DS_Store", "/.aws/credentials", "/.ssh/id_rsa", "/.htaccess", "/.htpasswd", "/.npmrc",
            "/.dockerenv", "/docker-compose.yml", "/Dockerfile", "/config.json", "/config.yml", "/config.php",
            "/configuration.php", "/wp-config.php", "/wp-config.php.bak", "/wp-admin/", "/wp-login.php",
            "/wp-includes/wlwmanifest.xml", "/xmlrpc.php", "/wp-json/wp/v2/users", "/admin", "/admin/login",
            "/administrator/", "/phpmyadmin/", "/pma/", "/myadmin/", "/server-status", "/server-info", "/actuator",
            "/actuator/health", "/actuator/env", "/actuator/heapdump", "/actuator/mappings", "/actuator/configprops",
            "/actuator/loggers", "/jolokia/list", "/console", "/manager/html", "/solr/admin/info/system",
            "/api/v1/admin", "/api/v1/admin/users", "/api/v1/internal/metrics", "/api/v1/debug", "/api/v1/config",
            "/api/swagger.json", "/swagger-ui.html", "/swagger.json", "/v2/api-docs", "/v3/api-docs",
            "/openapi.json", "/graphql", "/api/graphql", "/debug/pprof/", "/metrics", "/_profiler/",
            "/telescope/requests", "/elmah.axd", "/trace.axd", "/web.config", "/crossdomain.xml", "/backup.zip",
            "/backup.tar.gz", "/backup.sql", "/db.sql", "/dump.sql", "/database.sql", "/site.tar.gz", "/www.zip",
            "/old/", "/test/", "/dev/", "/staging/", "/tmp/", "/logs/", "/log.txt", "/error.log", "/debug.log",
            "/install.php", "/setup.php", "/info.php", "/phpinfo.php", "/test.php", "/shell.php",
            "/cgi-bin/test.cgi", "/cgi-bin/luci", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
            "/boaform/admin/formLogin", "/HNAP1/", "/owa/auth/logon.aspx", "/remote/login",
            "/global-protect/login.esp", "/Autodiscover/Autodiscover.xml", "/sftp-config.json",
            "/.vscode/sftp.json", "/.idea/workspace.xml", "/composer.json", "/package.json", "/yarn.lock",
            "/storage/logs/laravel.log", "/.travis.yml", "/.circleci/config.yml", "/.github/workflows/deploy.yml",
            "/config/database.yml", "/config/secrets.yml", "/app/etc/env.php", "/?XDEBUG_SESSION_START=phpstorm",
            "/api/v1/users?role=admin", "/api/v1/internal/health", "/api/internal/", "/api/v2/", "/api/v0/",
            "/api/v1/export", "/api/v1/backup");

    private Catalog() {
    }

    static <T> T pick(RandomGenerator r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** Popular products are asked for far more often than the long tail. */
    static int popularProduct(RandomGenerator r) {
        double u = r.nextDouble();
        return FIRST_PRODUCT + (int) (PRODUCTS * u * u * u);
    }

    /** A product removed from the shop whose old links still circulate. */
    static int removedProduct(RandomGenerator r) {
        return 500 + r.nextInt(FIRST_PRODUCT - 500);
    }

    /** The status a probed path gets: most do not exist, admin APIs refuse, a few leak. */
    static int probeStatus(String path) {
        if (path.equals("/actuator/health") || path.equals("/actuator")) {
            return 200;
        }
        if (path.startsWith("/api/v1/admin") || path.startsWith("/api/v1/internal") || path.equals("/metrics")) {
            return 403;
        }
        if (path.startsWith("/.git/") || path.startsWith("/.ht")) {
            return 403;
        }
        return 404;
    }

    static List<String> shuffledProbes(RandomGenerator r) {
        List<String> probes = new ArrayList<>(PROBES);
        for (int i = probes.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            probes.set(j, probes.set(i, probes.get(j)));
        }
        return probes;
    }
}
