package com.mustbeviral.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kubectl kustomize} renders from {@code k8s/}, for the parts the fleet's kustomizations use:
 * resources (files and folders), configMapGenerator literals (with {@code behavior: merge} in overlays),
 * JSON 6902 patches (add, replace, remove) by kind, name or label selector, and {@code $patch: delete}.
 * Images, labels, replicas and namespaces are left out: nothing checked here depends on them. There is
 * no kubectl or kustomize binary on the build machines, and none in Maven.
 */
final class Kustomization {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** The rendered objects, generated ConfigMaps included (without their hash suffix). */
    final List<ObjectNode> objects = new ArrayList<>();
    /** Generated ConfigMaps by name: their literals. */
    final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();

    static Kustomization render(Path dir) throws IOException {
        Kustomization rendered = new Kustomization();
        rendered.build(dir);
        return rendered;
    }

    private void build(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                build(path);
            } else {
                readAll(path);
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            String name = generator.get("name").asText();
            Map<String, String> literals = "merge".equals(generator.path("behavior").asText())
                    ? configMaps.get(name) : new LinkedHashMap<>();
            if (literals == null) {
                throw new IllegalStateException("merge into unknown ConfigMap " + name);
            }
            for (JsonNode literal : generator.path("literals")) {
                String text = literal.asText();
                int eq = text.indexOf('=');
                literals.put(text.substring(0, eq), text.substring(eq + 1));
            }
            configMaps.put(name, literals);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            JsonNode body = YAML.readTree(patch.get("patch").asText());
            if (body.isArray()) {
                for (ObjectNode object : objects) {
                    if (targets(patch.path("target"), object)) {
                        applyJson6902(object, (ArrayNode) body);
                    }
                }
            } else if ("delete".equals(body.path("$patch").asText())) {
                objects.removeIf(o -> o.path("kind").equals(body.path("kind"))
                        && o.path("metadata").path("name").equals(body.path("metadata").path("name")));
            } else {
                throw new IllegalStateException("patch kind not handled here: " + body);
            }
        }
    }

    private void readAll(Path file) throws IOException {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext();) {
                JsonNode doc = it.next();
                if (doc instanceof ObjectNode object && object.has("kind")) {
                    objects.add(object);
                }
            }
        }
    }

    private static boolean targets(JsonNode target, JsonNode object) {
        if (target.has("kind") && !target.get("kind").asText().equals(object.path("kind").asText())) {
            return false;
        }
        if (target.has("name") && !target.get("name").asText().equals(object.path("metadata").path("name").asText())) {
            return false;
        }
        if (target.has("labelSelector")) {
            String[] pair = target.get("labelSelector").asText().split("=");
            return pair[1].equals(object.path("metadata").path("labels").path(pair[0]).asText(null));
        }
        return true;
    }

    private static void applyJson6902(ObjectNode object, ArrayNode operations) {
        for (JsonNode operation : operations) {
            String[] steps = operation.get("path").asText().substring(1).split("/");
            JsonNode parent = object;
            for (int i = 0; i < steps.length - 1; i++) {
                parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
            }
            String last = steps[steps.length - 1];
            switch (operation.get("op").asText()) {
                case "add", "replace" -> {
                    if (parent instanceof ArrayNode array) {
                        if (last.equals("-")) {
                            array.add(operation.get("value"));
                        } else {
                            array.set(Integer.parseInt(last), operation.get("value"));
                        }
                    } else {
                        ((ObjectNode) parent).set(last, operation.get("value"));
                    }
                }
                case "remove" -> {
                    if (parent instanceof ArrayNode array) {
                        array.remove(Integer.parseInt(last));
                    } else {
                        ((ObjectNode) parent).remove(last);
                    }
                }
                default -> throw new IllegalStateException("op not handled here: " + operation);
            }
        }
    }

    /** The object of this kind and name. */
    ObjectNode object(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The first container of a Deployment. */
    JsonNode container(String deployment) {
        return object("Deployment", deployment).path("spec").path("template").path("spec").path("containers").get(0);
    }

    /**
     * The environment a Deployment's first container starts with: its ConfigMaps ({@code envFrom}) and
     * then its own {@code env} values, which win. Values from Secrets are left out.
     */
    Map<String, String> environment(String deployment) {
        JsonNode container = container(deployment);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            Map<String, String> map = configMaps.get(from.path("configMapRef").path("name").asText());
            if (map != null) {
                env.putAll(map);
            }
        }
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.get("name").asText(), variable.get("value").asText());
            }
        }
        return env;
    }
}
