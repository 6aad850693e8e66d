package dev.junction.internal.service;

/** Validation and joining of RPC method names and namespaces. */
public final class MethodNames {
    private MethodNames() {}

    /**
     * Checks a full method name.
     *
     * @throws IllegalArgumentException when empty or in the {@code rpc.} space the spec reserves
     */
    public static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A method name must not be empty");
        }
        if (name.startsWith("rpc.")) {
            throw new IllegalArgumentException("Method name '" + name
                    + "' is reserved: JSON-RPC 2.0 keeps names starting with 'rpc.' for" + " extensions");
        }
        return name;
    }

    /**
     * Checks a namespace: empty, or dot-separated non-empty words.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String checkNamespace(String namespace) {
        if (namespace == null) {
            throw new IllegalArgumentException("A namespace must not be null (use \"\" for none)");
        }
        if (!namespace.isEmpty()
                && (namespace.startsWith(".") || namespace.endsWith(".") || namespace.contains(".."))) {
            throw new IllegalArgumentException("Namespace '" + namespace + "' has an empty segment");
        }
        return namespace;
    }

    /** {@code namespace.name}, or {@code name} alone when the namespace is empty. */
    public static String join(String namespace, String name) {
        return namespace.isEmpty() ? name : namespace + "." + name;
    }
}
