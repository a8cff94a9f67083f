// Field kinds of RDATA (one parser per kind). Being written.
export type FieldKind = string;
