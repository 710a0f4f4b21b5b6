"""`make demo`: what the demo will do once the facade and the fake server land (issues 3 and 4)."""

print(
    "detectify-sdk demo\n"
    "  The SDK's main job is a concurrent pull of a whole attack surface (IPs, ports, technologies,\n"
    "  policy breaches, connectors) across teams. This demo will run it against the bundled fake\n"
    "  Detectify server (detectify.testing), with no API key, once the facade and that server exist.\n"
    "  Today the foundation is in place: openapi.yaml, the generated client in generated/detectify_v3,\n"
    "  and `make test`."
)
