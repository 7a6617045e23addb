"""Reads leads.events.v1 with Confluent's own Python client and prints, as
JSON lines, the events of the given leads, decoded by its Avro
deserializer against our schema registry.

usage: decode_events.py BOOTSTRAP REGISTRY_URL TOPIC COUNT LEAD_ID...
Exits non-zero if COUNT events of those leads are not found within 60 s.
"""

import json
import sys
import time
import uuid

from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext


def main() -> int:
    bootstrap, registry_url, topic, count, *leads = sys.argv[1:]
    wanted = set(leads)
    deserializer = AvroDeserializer(SchemaRegistryClient({"url": registry_url}))
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"python-decode-{uuid.uuid4()}",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    consumer.subscribe([topic])
    found = []
    deadline = time.monotonic() + 60
    try:
        while len(found) < int(count) and time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None or message.error():
                continue
            key = message.key().decode("utf-8")
            if key not in wanted:
                continue
            value = deserializer(
                message.value(), SerializationContext(topic, MessageField.VALUE)
            )
            value["ts"] = int(value["ts"].timestamp() * 1000)
            found.append(
                {
                    "key": key,
                    "schema_id": int.from_bytes(message.value()[1:5], "big"),
                    "timestamp_ms": message.timestamp()[1],
                    "value": value,
                }
            )
    finally:
        consumer.close()
    for item in found:
        print(json.dumps(item, ensure_ascii=False))
    return 0 if len(found) >= int(count) else 1


if __name__ == "__main__":
    sys.exit(main())
