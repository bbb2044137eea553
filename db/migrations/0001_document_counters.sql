CREATE TABLE "document_counters" (
	"kind" "document_kind" PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
