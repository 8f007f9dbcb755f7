package de.ikoe.lotse.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** What people and broken clients send: the building blocks of every fuzzer here. */
final class Junk {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The option values the bot uses inside: a person must never see one of them as text. */
    static final List<String> INTERNAL_OPTIONS = List.of("cancel", "feedback:yes", "feedback:no", "handoff", "skip",
            "forget-me", "channel:unreadable", "topic:was-ist-ikoe");

    private Junk() {
    }

    /** Pieces that break naive code: controls, bidi overrides, emoji, lone surrogates, markup, format strings. */
    static Arbitrary<String> nasty() {
        return Arbitraries.of(
                "\u0000", "\u0007", "\b", "\t", "\r\n", "\u001b[31m", "\u007f", "\u0085",
                "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200b", "\ufeff", "\u2028",
                "😀", "👩‍👩‍👧‍👦", "🇩🇪", "🏳️‍🌈", "e\u0301\u0301\u0301", "Z̷̡͉a̶̢l̴g̵o̷",
                "\ud800", "\udfff", "\ud83d", "ß", "İ", "ﬃ", "Ǆ",
                "<script>alert(1)</script>", "<b>", "</i>", "&amp;", "&#0;", "<a href=\"javascript:x\">x</a>",
                "%s%n%d", "{0}", "${lotse.admin.password}", "#{1+1}", "*{x}", "[[${x}]]",
                "' or 1=1 --", "\"; drop table message; --", "\\", "/", "/start", "/berater", "/loeschen", "/help",
                "@LotseTestBot", "@lotse:example.org", "lotse:", "abbrechen", "1", "99", "-1", "0",
                "cancel", "feedback:yes", "feedback:no", "handoff", "skip", "forget-me", "channel:unreadable",
                "topic:", "topic:../../etc/passwd", "null", "true", "NaN", "   ", "");
    }

    /** A text a person might send, or one that only a fuzzer would. */
    static Arbitrary<String> text() {
        Arbitrary<String> words = Arbitraries.of("Was ist IKÖ?", "Hallo", "Fortbildung", "Erfurt", "Beratung",
                "interkulturelle Öffnung", "What is IKÖ?", "Danke", "Wie", "?", "!", " ");
        Arbitrary<String> mixed = Arbitraries.oneOf(words, nasty(), Arbitraries.strings().ofMaxLength(12),
                        Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(8))
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
        Arbitrary<String> huge = Combinators.combine(nasty(), Arbitraries.integers().between(1000, 30_000))
                .as((piece, length) -> (piece.isEmpty() ? "x" : piece).repeat(length / Math.max(1, piece.length()) + 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, mixed),
                net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(60)));
    }

    /** Any JSON value, nested a few levels deep. */
    static Arbitrary<JsonNode> json() {
        return json(3);
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(new BigInteger("123456789012345678901234567890"), BigInteger.valueOf(Long.MIN_VALUE))
                        .map(NODES::numberNode),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-0.0"), new BigDecimal("3.14"))
                        .map(NODES::numberNode),
                text().map(NODES::stringNode));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8), nasty())
                        .list().ofMaxSize(4), json(depth - 1).list().ofSize(4))
                .as((keys, values) -> {
                    ObjectNode node = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        node.set(keys.get(i), values.get(i));
                    }
                    return node;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }

    /** An object with some of the given fields, each a plausible or an absurd value, and perhaps strangers. */
    static Arbitrary<ObjectNode> objectWith(List<String> fields, Arbitrary<JsonNode> plausible) {
        Arbitrary<JsonNode> value = Arbitraries.oneOf(plausible, json());
        return Combinators.combine(Arbitraries.subsetOf(fields), value.list().ofSize(fields.size()),
                        Arbitraries.of("", "extra", "text ", "TEXT", "__proto__", "@type").list().ofMaxSize(2),
                        json().list().ofSize(2))
                .as((chosen, values, strangers, strangeValues) -> {
                    ObjectNode node = NODES.objectNode();
                    for (int i = 0; i < fields.size(); i++) {
                        if (chosen.contains(fields.get(i))) {
                            node.set(fields.get(i), values.get(i));
                        }
                    }
                    for (int i = 0; i < strangers.size(); i++) {
                        node.set(strangers.get(i), strangeValues.get(i));
                    }
                    return node;
                });
    }

    /** Bytes that are not valid UTF-8 (or not JSON at all), to send as a request body. */
    static Arbitrary<byte[]> brokenBytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.of(
                        new byte[]{'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                        new byte[]{'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xc3, '"', '}'},
                        new byte[]{'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
                        new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'},
                        "{\"text\":".getBytes(), "[]".getBytes(), "\"text\"".getBytes(), "null".getBytes(),
                        "{\"text\":\"a\",\"text\":\"b\"}".getBytes(), "{\"text\":\"\\ud800\"}".getBytes(),
                        "{\"text\":\"\\u0000\"}".getBytes(), ("[".repeat(5000)).getBytes(),
                        ("{\"a\":".repeat(3000)).getBytes(), new byte[0]));
    }
}
