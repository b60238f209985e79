package io.gatewatch.alerting.format;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;

/**
 * The contract mapper for alerts leaving Gatewatch. Jackson would otherwise also write the record's
 * {@code isUpdate()} helper as a property {@code "update"}, which is not part of Alert v1.
 */
public final class AlertJson {
    private AlertJson() {
    }

    @JsonIgnoreProperties({"update"})
    private abstract static class ContractFieldsOnly {
    }

    public static ObjectMapper newMapper() {
        ObjectMapper m = Json.newMapper();
        m.addMixIn(Alert.class, ContractFieldsOnly.class);
        return m;
    }
}
