"""Registers and fetches schemas through a schema registry with Confluent's
own Python client, and prints what the client saw as one JSON object.

    python3 register_and_fetch.py REGISTRY_URL SUBJECT

Used by register-python.test.ts to prove the project's registry speaks the
protocol Confluent's clients expect.
"""

import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

url, subject = sys.argv[1], sys.argv[2]

V1 = {
    "type": "record",
    "name": "Lead",
    "namespace": "leadscore.pytest",
    "fields": [{"name": "lead_id", "type": "string"}],
}
V2 = {
    **V1,
    "fields": V1["fields"]
    + [{"name": "note", "type": ["null", "string"], "default": None}],
}
INCOMPATIBLE = {**V1, "fields": [{"name": "lead_id", "type": "int"}]}

client = SchemaRegistryClient({"url": url})
id1 = client.register_schema(subject, Schema(json.dumps(V1), "AVRO"))
id2 = client.register_schema(subject, Schema(json.dumps(V2), "AVRO"))

# A fresh client has no cache: every answer below comes from the registry.
fresh = SchemaRegistryClient({"url": url})
by_id = fresh.get_schema(id2)
latest = fresh.get_latest_version(subject)
found = fresh.lookup_schema(subject, Schema(json.dumps(V1), "AVRO"))

try:
    fresh.register_schema(subject, Schema(json.dumps(INCOMPATIBLE), "AVRO"))
    refused = None
except SchemaRegistryError as error:
    refused = {
        "http_status": error.http_status_code,
        "error_code": error.error_code,
        "message": error.error_message,
    }

print(
    json.dumps(
        {
            "registered": [id1, id2],
            "by_id": {
                "schema": json.loads(by_id.schema_str),
                "type": by_id.schema_type,
            },
            "latest": {
                "id": latest.schema_id,
                "version": latest.version,
                "subject": latest.subject,
                "schema": json.loads(latest.schema.schema_str),
            },
            "lookup": {"id": found.schema_id, "version": found.version},
            "versions": fresh.get_versions(subject),
            "subjects_has_it": subject in fresh.get_subjects(),
            "refused": refused,
        }
    )
)
