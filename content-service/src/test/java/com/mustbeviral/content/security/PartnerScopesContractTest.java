package com.mustbeviral.content.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mustbeviral.contracts.auth.PartnerScopes.Rule;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of content-service lets in exactly the partner scope the fleet's contract
 * ({@code contracts}' {@code PartnerScopes}) gives its route, which is also what the gateway admits:
 * a scope the contract does not name for the route must not open it here, and one it names must.
 */
@Tag("attack")
class PartnerScopesContractTest {

    private static final Map<Class<? extends Annotation>, List<String>> HTTP_METHODS = Map.of(
            GET.class, List.of("GET", "HEAD"), HEAD.class, List.of("HEAD"), POST.class, List.of("POST"),
            PUT.class, List.of("PUT"), PATCH.class, List.of("PATCH"), DELETE.class, List.of("DELETE"));

    @Test
    void everyEndpointOpensExactlyTheScopeTheContractGivesItsRoute() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getDeclaredMethods()) {
                for (var http : HTTP_METHODS.entrySet()) {
                    if (!method.isAnnotationPresent(http.getKey())) {
                        continue;
                    }
                    String path = pathOf(resource, method);
                    for (String verb : http.getValue()) {
                        Set<String> expected = contractScope(verb, path).map(Set::of).orElse(Set.of());
                        if (method.isAnnotationPresent(PermitAll.class)) {
                            // Public reads (feed, published content) let in anyone, partners too: they must
                            // lie under a route the contract opens to partners, or the gateway would refuse them.
                            assertFalse(expected.isEmpty(), verb + " " + path + " is public but closed to partners");
                            checked.add(verb + " " + path);
                            continue;
                        }
                        assertEquals(expected, scopesAllowed(resource, method),
                                verb + " " + path + " (" + resource.getSimpleName() + "." + method.getName() + ")");
                        checked.add(verb + " " + path);
                    }
                }
            }
        }
        assertFalse(checked.isEmpty(), "no endpoint found to check");
    }

    /** The scopes (never a role: they hold ':' or are OpenID names) that {@code @RolesAllowed} lets in. */
    private static Set<String> scopesAllowed(Class<?> resource, Method method) {
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : resource.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            return Set.of();
        }
        return Arrays.stream(roles.value()).filter(role -> role.contains(":") || role.equals("openid"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The contract's rule for a request, matched as the gateway does: methods, then the prefix on whole segments. */
    private static java.util.Optional<String> contractScope(String verb, String path) {
        for (Rule rule : com.mustbeviral.contracts.auth.PartnerScopes.RULES) {
            for (String route : rule.routes()) {
                String[] parts = route.split(" ");
                boolean methodMatches = Set.of(parts[0].split("\\|")).contains(verb);
                String prefix = parts[1];
                if (methodMatches && path.startsWith(prefix)
                        && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                    return java.util.Optional.of(rule.scope());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String pathOf(Class<?> resource, Method method) {
        String path = resource.getAnnotation(Path.class).value();
        if (method.isAnnotationPresent(Path.class)) {
            String sub = method.getAnnotation(Path.class).value();
            path = path + (sub.startsWith("/") ? "" : "/") + sub;
        }
        // A template segment stands for any value; the contract's prefixes never end in one.
        return path.replaceAll("\\{[^}]*}", "x").replaceAll("/$", "");
    }

    /** The JAX-RS resources of content-service, from its compiled classes. */
    private static List<Class<?>> resources() throws URISyntaxException, ClassNotFoundException, IOException {
        String pkg = "com.mustbeviral.content.rest";
        List<Class<?>> found = new ArrayList<>();
        // Every directory of the package: test classes live in it too (ContentProblemsTest), and theirs
        // comes first on the class path.
        var dirs = PartnerScopesContractTest.class.getClassLoader().getResources(pkg.replace('.', '/'));
        while (dirs.hasMoreElements()) {
            for (String file : new File(dirs.nextElement().toURI()).list()) {
                if (file.endsWith(".class") && !file.contains("$")) {
                    Class<?> type = Class.forName(pkg + "." + file.substring(0, file.length() - ".class".length()));
                    if (type.isAnnotationPresent(Path.class)) {
                        found.add(type);
                    }
                }
            }
        }
        return found;
    }
}
