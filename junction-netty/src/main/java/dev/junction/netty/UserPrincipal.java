package dev.junction.netty;

import java.security.Principal;
import java.util.Objects;

/** A principal that is just a name: the user of Basic authentication, or what a token stands for. Immutable. */
public final class UserPrincipal implements Principal {
    private final String name;

    public UserPrincipal(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserPrincipal && ((UserPrincipal) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "UserPrincipal[" + name + "]";
    }
}
