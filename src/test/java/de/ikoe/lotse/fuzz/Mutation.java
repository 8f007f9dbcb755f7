package de.ikoe.lotse.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One change to a well-formed JSON document: a field removed, or a value replaced by junk.
 * Fuzzers start from what a real server or client sends and apply a few of these, so that
 * the input gets past the first check and into the code behind it.
 */
record Mutation(int where, boolean remove, JsonNode value) {

    static Arbitrary<List<Mutation>> some() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(true, false, false), Junk.json())
                .as(Mutation::new);
        return one.list().ofMaxSize(4);
    }

    /** Applies the mutations to a copy of {@code document}. */
    static JsonNode apply(JsonNode document, List<Mutation> mutations) {
        JsonNode copy = document.deepCopy();
        for (Mutation m : mutations) {
            List<JsonNode[]> slots = new ArrayList<>();
            collect(copy, slots);
            if (slots.isEmpty()) {
                break;
            }
            JsonNode[] slot = slots.get(m.where % slots.size());
            JsonNode parent = slot[0];
            String key = slot[1].asString();
            if (parent instanceof ObjectNode object) {
                if (m.remove) {
                    object.remove(key);
                } else {
                    object.set(key, m.value);
                }
            } else if (parent instanceof ArrayNode array) {
                int index = Integer.parseInt(key);
                if (m.remove) {
                    array.remove(index);
                } else {
                    array.set(index, m.value);
                }
            }
        }
        return copy;
    }

    /** Every (parent, key) pair of the tree, depth first. */
    private static void collect(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode object) {
            for (String key : List.copyOf(object.propertyNames())) {
                slots.add(new JsonNode[]{object, Junk.JSON.getNodeFactory().stringNode(key)});
                collect(object.get(key), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new JsonNode[]{array, Junk.JSON.getNodeFactory().stringNode(String.valueOf(i))});
                collect(array.get(i), slots);
            }
        }
    }
}
