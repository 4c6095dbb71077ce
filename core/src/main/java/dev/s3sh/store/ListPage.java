package dev.s3sh.store;

import java.util.List;

/** One page of ListObjectsV2: common prefixes and objects, and the token for the next page (null at the end). */
public record ListPage(List<String> prefixes, List<ObjectSummary> objects, String nextToken) {
    public boolean truncated() {
        return nextToken != null;
    }
}
