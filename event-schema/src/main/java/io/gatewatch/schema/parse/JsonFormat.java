package io.gatewatch.schema.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parser of JSON records that can tell from the parsed tree whether a record is in its format, so
 * {@link AutoParser} parses each JSON record once and hands the tree to the first format that claims it.
 */
interface JsonFormat extends LogParser {

    /** Cheap key checks on an object (for a batched array, on its first element). */
    boolean recognises(JsonNode node);

    /** Same contract as {@link #parse(String)}: never throws, bad input is a rejection. */
    ParseResult parseTree(JsonNode node);
}
