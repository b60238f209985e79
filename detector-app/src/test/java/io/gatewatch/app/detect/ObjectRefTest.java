package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatewatch.app.config.DataHarvestingConfig;
import io.gatewatch.models.sketch.Hashing;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectRefTest {
    private static final List<String> PARAMS = DataHarvestingConfig.DEFAULT_PAGINATION_PARAMS;

    @Test
    void shouldTakeTheRawIdFromThePathSegmentThePlaceholderReplaced() {
        ObjectRef r = ObjectRef.of("/api/v1/users/{id}", "/api/v1/users/1042", null, PARAMS);
        assertEquals(ObjectRef.Kind.ID, r.kind());
        assertEquals("1042", r.text());
        assertEquals(1042, r.number());
        assertEquals(Hashing.hash64(1042L), r.hash());
    }

    @Test
    void shouldTakeTheLastPlaceholderWhenThereAreSeveral() {
        ObjectRef r = ObjectRef.of("/users/{id}/orders/{id}", "/users/7/orders/99", "", PARAMS);
        assertEquals(99, r.number());
    }

    @Test
    void shouldHashAnIdThatIsNoNumberAndGiveItNoNumber() {
        ObjectRef r = ObjectRef.of("/files/{uuid}/meta", "/files/3f2a-bc91/meta", null, PARAMS);
        assertEquals("3f2a-bc91", r.text());
        assertEquals(-1, r.number());
        assertEquals(Hashing.hash64("3f2a-bc91"), r.hash());
        assertEquals(-1, ObjectRef.of("/n/{id}", "/n/1234567890123456789", null, PARAMS).number(),
                "19 digits may not fit a long");
    }

    @Test
    void shouldFindNoIdWithoutAPlaceholderOrWhenPathAndRouteDiffer() {
        assertNull(ObjectRef.of("/api/v1/orders", "/api/v1/orders", null, PARAMS));
        assertNull(ObjectRef.of("/users/{id}", "/users/5/extra", null, PARAMS));
        assertNull(ObjectRef.of("/users/{id}", "/users", null, PARAMS));
        assertNull(ObjectRef.of(null, "/users/5", null, PARAMS));
    }

    @Test
    void shouldPreferAPaginationParameterOverThePathId() {
        ObjectRef r = ObjectRef.of("/users/{id}/orders", "/users/7/orders", "sort=desc&Page=3", PARAMS);
        assertEquals(ObjectRef.Kind.PAGE, r.kind());
        assertEquals("page", r.param());
        assertEquals(3, r.number());
    }

    @Test
    void shouldReadAnOpaqueCursorAndIgnoreLookalikeAndEmptyParameters() {
        ObjectRef cursor = ObjectRef.of("/feed", "/feed", "limit=50&cursor=eyJpZCI6NDJ9", PARAMS);
        assertEquals("cursor", cursor.param());
        assertEquals("eyJpZCI6NDJ9", cursor.text());
        assertEquals(-1, cursor.number());
        assertNull(ObjectRef.of("/feed", "/feed", "pages=3&xpage=4&page=&limit=5", PARAMS));
        assertEquals(150, ObjectRef.of("/feed", "/feed", "limit=50&offset=150", PARAMS).number());
    }
}
