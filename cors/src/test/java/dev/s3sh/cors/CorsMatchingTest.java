package dev.s3sh.cors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsMatchingTest {
    @Test
    void rgwSplitsOnAllItsSeparators() {
        assertEquals(List.of("a", "b", "c", "d", "e"), CorsMatching.splitHeaderList(Dialect.RGW, "a, b;c=d\te"));
        assertEquals(List.of(), CorsMatching.splitHeaderList(Dialect.RGW, " ,, "));
        assertEquals(List.of(), CorsMatching.splitHeaderList(Dialect.RGW, null));
    }

    @Test
    void awsSplitsOnCommasAndTrims() {
        assertEquals(List.of("a", "b;c", "d e"), CorsMatching.splitHeaderList(Dialect.AWS, " a ,b;c,, d e "));
    }

    @Test
    void rgwWildcardPieces() {
        assertTrue(CorsMatching.rgwWildcard("*-foo", "x-bar-foo"));
        assertTrue(CorsMatching.rgwWildcard("x-amz-*", "x-amz-"));
        assertTrue(CorsMatching.rgwWildcard("ab*bc", "abc"), "prefix and suffix may overlap on RGW");
        assertFalse(CorsMatching.globWildcard("ab*bc", "abc"));
        assertTrue(CorsMatching.rgwWildcard("a *b", "ab"), "whitespace cuts the pattern like '*'");
        assertFalse(CorsMatching.rgwWildcard(" *x", "x"), "a pattern whose pieces run out matches nothing");
    }

    @Test
    void methodsAreExact() {
        assertTrue(CorsMatching.methodAllowed(List.of("GET"), "GET"));
        assertFalse(CorsMatching.methodAllowed(List.of("GET"), "get"));
        assertFalse(CorsMatching.methodAllowed(List.of("PATCH"), "PATCH"), "only the five CORS methods can be allowed");
        assertFalse(CorsMatching.methodAllowed(List.of("GET"), null));
    }
}
