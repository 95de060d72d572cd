package dev.blueshift.error;

/** The SQLSTATE codes Blueshift reports; one place for every code we use. */
public enum SqlState {
  SYNTAX_ERROR("42601"),
  UNDEFINED_TABLE("42P01"),
  INVALID_SCHEMA_NAME("3F000"),
  UNDEFINED_COLUMN("42703"),
  DUPLICATE_TABLE("42P07"),
  DUPLICATE_COLUMN("42701"),
  INVALID_TABLE_DEFINITION("42P16"),
  DATATYPE_MISMATCH("42804"),
  WRONG_OBJECT_TYPE("42809"),
  UNDEFINED_OBJECT("42704"),
  INVALID_PARAMETER_VALUE("22023"),
  SERIALIZATION_FAILURE("40001"),
  IN_FAILED_SQL_TRANSACTION("25P02"),
  UNDEFINED_FUNCTION("42883"),
  INVALID_TEXT_REPRESENTATION("22P02"),
  STRING_DATA_RIGHT_TRUNCATION("22001"),
  NUMERIC_VALUE_OUT_OF_RANGE("22003"),
  INVALID_DATETIME_FORMAT("22007"),
  DIVISION_BY_ZERO("22012"),
  INVALID_ARGUMENT_FOR_LOGARITHM("2201E"),
  INVALID_ARGUMENT_FOR_POWER_FUNCTION("2201F"),
  NOT_NULL_VIOLATION("23502"),
  LOAD_ERROR("XX000"),
  DATA_CORRUPTED("XX001"),
  IO_ERROR("58030"),
  OUT_OF_MEMORY("53200"),
  QUERY_CANCELED("57014"),
  CONNECTION_FAILURE("08006"),
  FEATURE_NOT_SUPPORTED("0A000"),
  DUPLICATE_OBJECT("42710"),
  INSUFFICIENT_PRIVILEGE("42501"),
  INVALID_PASSWORD("28P01"),
  INVALID_CATALOG_NAME("3D000"),
  INTERNAL_ERROR("XX000");

  private final String code;

  SqlState(String code) {
    this.code = code;
  }

  /** The five-character SQLSTATE. */
  public String code() {
    return code;
  }

  /** The enum constant for a code, or INTERNAL_ERROR when unknown. */
  public static SqlState fromCode(String code) {
    for (SqlState s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    return INTERNAL_ERROR;
  }
}
