package dev.junction.netty.internal;

import dev.junction.TransportException;
import dev.junction.netty.NettyOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link SslContext} of a {@code tls://} endpoint from its options. */
final class TlsContexts {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {}

    static SslContext forServer(Settings s) {
        SslContext given = s.options.extra(NettyOptions.SSL_CONTEXT);
        if (given != null) {
            if (!given.isServer()) {
                throw new IllegalArgumentException("The sslContext given to a tls:// server is a client context");
            }
            return given;
        }
        File cert = s.file(NettyOptions.CERT);
        File key = s.file(NettyOptions.KEY);
        SslContextBuilder b;
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalArgumentException("A tls:// server needs both cert=PATH and key=PATH");
            }
            b = SslContextBuilder.forServer(readable(cert), readable(key), s.string(NettyOptions.KEY_PASSWORD));
        } else if (s.file(NettyOptions.KEY_STORE) != null) {
            b = SslContextBuilder.forServer(keyManagers(s));
        } else {
            throw new IllegalArgumentException("A tls:// server needs a certificate and key: give cert=PATH&key=PATH"
                    + " (PEM) or keyStore=PATH&keyStorePassword=..., or a ready-made sslContext");
        }
        trust(b, s);
        b.clientAuth(clientAuth(s.string(NettyOptions.CLIENT_AUTH)));
        return build(b, s);
    }

    static SslContext forClient(Settings s) {
        SslContext given = s.options.extra(NettyOptions.SSL_CONTEXT);
        if (given != null) {
            if (given.isServer()) {
                throw new IllegalArgumentException("The sslContext given to a tls:// client is a server context");
            }
            return given;
        }
        SslContextBuilder b = SslContextBuilder.forClient();
        File cert = s.file(NettyOptions.CERT);
        File key = s.file(NettyOptions.KEY);
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalArgumentException("A client certificate needs both cert=PATH and key=PATH");
            }
            b.keyManager(readable(cert), readable(key), s.string(NettyOptions.KEY_PASSWORD));
        } else if (s.file(NettyOptions.KEY_STORE) != null) {
            b.keyManager(keyManagers(s));
        }
        if (insecure(s)) {
            log.warn(
                    "TLS client for {} trusts ANY server certificate (insecure=true): for tests and debugging only",
                    s.endpoint.host());
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else {
            trust(b, s);
        }
        b.endpointIdentificationAlgorithm(hostnameVerification(s) ? "HTTPS" : null);
        return build(b, s);
    }

    static boolean insecure(Settings s) {
        return s.bool(NettyOptions.INSECURE, false);
    }

    /** Client hostname verification: on unless turned off or the client trusts anything anyway. */
    static boolean hostnameVerification(Settings s) {
        return s.bool(NettyOptions.HOSTNAME_VERIFICATION, true) && !insecure(s);
    }

    private static void trust(SslContextBuilder b, Settings s) {
        File trust = s.file(NettyOptions.TRUST);
        if (trust != null) {
            b.trustManager(readable(trust));
        } else if (s.file(NettyOptions.TRUST_STORE) != null) {
            try {
                KeyStore store = load(
                        s.file(NettyOptions.TRUST_STORE),
                        s.string(NettyOptions.TRUST_STORE_TYPE),
                        s.string(NettyOptions.TRUST_STORE_PASSWORD));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                b.trustManager(tmf);
            } catch (Exception e) {
                throw new TransportException(
                        "Cannot load trustStore " + s.file(NettyOptions.TRUST_STORE) + ": " + e, e);
            }
        }
    }

    private static KeyManagerFactory keyManagers(Settings s) {
        File path = s.file(NettyOptions.KEY_STORE);
        try {
            String password = s.string(NettyOptions.KEY_STORE_PASSWORD);
            KeyStore store = load(path, s.string(NettyOptions.KEY_STORE_TYPE), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password == null ? new char[0] : password.toCharArray());
            return kmf;
        } catch (Exception e) {
            throw new TransportException("Cannot load keyStore " + path + ": " + e, e);
        }
    }

    private static KeyStore load(File path, String type, String password) throws Exception {
        KeyStore store = KeyStore.getInstance(type == null ? "PKCS12" : type);
        try (InputStream in = Files.newInputStream(readable(path).toPath())) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }

    private static File readable(File file) {
        if (!file.canRead()) {
            throw new IllegalArgumentException("Cannot read TLS file " + file);
        }
        return file;
    }

    private static ClientAuth clientAuth(String value) {
        if (value == null) {
            return ClientAuth.NONE;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "none":
                return ClientAuth.NONE;
            case "optional":
                return ClientAuth.OPTIONAL;
            case "require":
            case "required":
                return ClientAuth.REQUIRE;
            default:
                throw new IllegalArgumentException(
                        "Unknown clientAuth '" + value + "' (choose none, optional or require)");
        }
    }

    private static SslContext build(SslContextBuilder b, Settings s) {
        b.sslProvider(provider(s.string(NettyOptions.TLS_PROVIDER)));
        String protocols = s.string(NettyOptions.PROTOCOLS);
        if (protocols != null) {
            b.protocols(Arrays.stream(protocols.split(","))
                    .map(String::trim)
                    .filter(p -> !p.isEmpty())
                    .toArray(String[]::new));
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new TransportException("Cannot set up TLS for " + s.endpoint.host() + ": " + e.getMessage(), e);
        }
    }

    static SslProvider provider(String name) {
        if (name == null) {
            return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "jdk":
                return SslProvider.JDK;
            case "openssl":
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException(
                            "tlsProvider=openssl, but OpenSSL is not available (add io.netty:netty-tcnative-boringssl-static): "
                                    + OpenSsl.unavailabilityCause());
                }
                return SslProvider.OPENSSL;
            default:
                throw new IllegalArgumentException("Unknown tlsProvider '" + name + "' (choose jdk or openssl)");
        }
    }
}
