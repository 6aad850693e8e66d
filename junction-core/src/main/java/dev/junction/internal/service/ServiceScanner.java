package dev.junction.internal.service;

import dev.junction.service.JsonRpcMethod;
import dev.junction.service.JsonRpcService;
import dev.junction.service.RegisteredMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns annotated objects and interface implementations into {@link RegisteredMethod}s, sorted by
 * RPC name (reflection gives no declaration order). Every check happens here, at registration, so
 * that a bad service fails when it is built, not when called.
 */
public final class ServiceScanner {
    private static final Comparator<Method> ORDER =
            Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes()));

    private ServiceScanner() {}

    /**
     * The {@link JsonRpcMethod} methods of {@code target} (public, non-static, inherited included;
     * the annotation may sit on an overridden declaration in a superclass or interface).
     *
     * @param namespace the namespace, or null to read it from {@link JsonRpcService}
     * @throws IllegalArgumentException when there is no such method, one is not public or is static,
     *     or two map to one name
     */
    public static List<RegisteredMethod> annotated(String namespace, Object target) {
        Objects.requireNonNull(target, "service");
        Class<?> type = target.getClass();
        String ns = namespace != null ? MethodNames.checkNamespace(namespace) : namespaceOf(type);
        rejectHiddenMethods(type);
        Map<String, Method> byName = new LinkedHashMap<>();
        List<RegisteredMethod> methods = new ArrayList<>();
        for (Method method : sorted(type.getMethods())) {
            if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Method declaration = findAnnotated(type, method);
            if (declaration == null) {
                continue;
            }
            JsonRpcMethod annotation = declaration.getAnnotation(JsonRpcMethod.class);
            String name = MethodNames.join(ns, rpcName(method, annotation));
            checkOverload(byName, name, method);
            methods.add(new RegisteredMethod(
                    name, new ReflectiveMethodHandler(target, method, declaration), annotation.nonBlocking()));
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(type.getName()
                    + " has no public @JsonRpcMethod methods; annotate the methods to expose,"
                    + " or register it through an interface with service(Class, Object)");
        }
        methods.sort(Comparator.comparing(RegisteredMethod::name));
        return methods;
    }

    /**
     * Every abstract method of {@code iface}, served by {@code impl}.
     *
     * @param namespace the namespace, or null to read it from the interface's {@link JsonRpcService}
     * @throws IllegalArgumentException when {@code iface} is not an interface, {@code impl} does not
     *     implement it, it has no abstract method, or two map to one name
     */
    public static List<RegisteredMethod> ofInterface(String namespace, Class<?> iface, Object impl) {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(impl, "impl");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        if (!iface.isInstance(impl)) {
            throw new IllegalArgumentException(impl.getClass().getName() + " does not implement " + iface.getName());
        }
        String ns = namespace != null ? MethodNames.checkNamespace(namespace) : interfaceNamespace(iface);
        Map<String, Method> byName = new LinkedHashMap<>();
        List<RegisteredMethod> methods = new ArrayList<>();
        for (Method method : abstractMethods(iface)) {
            JsonRpcMethod annotation = method.getAnnotation(JsonRpcMethod.class);
            String name = MethodNames.join(ns, rpcName(method, annotation));
            checkOverload(byName, name, method);
            boolean nonBlocking = annotation != null && annotation.nonBlocking();
            methods.add(new RegisteredMethod(name, new ReflectiveMethodHandler(impl, method), nonBlocking));
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(iface.getName() + " declares no abstract methods to expose");
        }
        methods.sort(Comparator.comparing(RegisteredMethod::name));
        return methods;
    }

    /** The abstract methods of an interface, inherited ones included, in a stable order. */
    static List<Method> abstractMethods(Class<?> iface) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Method method : sorted(iface.getMethods())) {
            if (!Modifier.isAbstract(method.getModifiers()) || declaredByObject(method)) {
                continue;
            }
            String signature = method.getName() + Arrays.toString(method.getParameterTypes());
            Method previous = bySignature.get(signature);
            // A redeclaration in a subinterface (say, with a covariant return) wins over the original.
            if (previous == null || previous.getDeclaringClass().isAssignableFrom(method.getDeclaringClass())) {
                bySignature.put(signature, method);
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    /** The namespace of a proxied or registered interface: its own {@link JsonRpcService}, or none. */
    public static String interfaceNamespace(Class<?> iface) {
        JsonRpcService service = iface.getAnnotation(JsonRpcService.class);
        return service == null ? "" : MethodNames.checkNamespace(service.value());
    }

    /**
     * The namespace of an annotated class: its {@link JsonRpcService} (inherited from superclasses),
     * else that of the one interface it implements that carries one, else none.
     */
    static String namespaceOf(Class<?> type) {
        JsonRpcService service = type.getAnnotation(JsonRpcService.class);
        if (service != null) {
            return MethodNames.checkNamespace(service.value());
        }
        Set<String> found = new LinkedHashSet<>();
        for (Class<?> iface : allInterfaces(type)) {
            JsonRpcService annotation = iface.getAnnotation(JsonRpcService.class);
            if (annotation != null) {
                found.add(annotation.value());
            }
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(type.getName() + " implements interfaces with different namespaces "
                    + found + "; annotate the class with @JsonRpcService or pass the namespace explicitly");
        }
        return found.isEmpty()
                ? ""
                : MethodNames.checkNamespace(found.iterator().next());
    }

    private static String rpcName(Method method, JsonRpcMethod annotation) {
        return annotation == null || annotation.value().isEmpty() ? method.getName() : annotation.value();
    }

    private static void checkOverload(Map<String, Method> byName, String name, Method method) {
        Method previous = byName.putIfAbsent(name, method);
        if (previous != null) {
            throw new IllegalArgumentException("Methods " + ReflectiveMethodHandler.describe(previous) + " and "
                    + ReflectiveMethodHandler.describe(method) + " both map to RPC name '" + name
                    + "'; JSON-RPC has no overloading, so give one another name with @JsonRpcMethod(\"...\")");
        }
    }

    /** An annotated method that getMethods() cannot see would be silently ignored: refuse it. */
    private static void rejectHiddenMethods(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (method.isAnnotationPresent(JsonRpcMethod.class)
                        && (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers))) {
                    throw new IllegalArgumentException("@JsonRpcMethod " + ReflectiveMethodHandler.describe(method)
                            + " must be public and not static");
                }
            }
        }
    }

    /** {@code method} itself if annotated, else the first annotated declaration it overrides. */
    private static Method findAnnotated(Class<?> type, Method method) {
        if (method.isAnnotationPresent(JsonRpcMethod.class)) {
            return method;
        }
        List<Class<?>> supertypes = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            supertypes.add(c);
        }
        supertypes.addAll(allInterfaces(type));
        for (Class<?> c : supertypes) {
            try {
                Method declared = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (declared.isAnnotationPresent(JsonRpcMethod.class)) {
                    return declared;
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level
            }
        }
        return null;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> result = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            addInterfaces(c, result);
        }
        return result;
    }

    private static void addInterfaces(Class<?> type, Set<Class<?>> into) {
        for (Class<?> iface : type.getInterfaces()) {
            if (into.add(iface)) {
                addInterfaces(iface, into);
            }
        }
    }

    private static List<Method> sorted(Method[] methods) {
        List<Method> list = new ArrayList<>();
        for (Method method : methods) {
            if (!method.isBridge() && !method.isSynthetic()) {
                list.add(method);
            }
        }
        list.sort(ORDER);
        return list;
    }

    /** True for an interface method that redeclares one of Object's (equals, hashCode, toString). */
    static boolean declaredByObject(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
