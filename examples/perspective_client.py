"""A script written for Google's Perspective API, pointed at a local safechat.

Only the two lines marked "changed" differ from a Perspective script: the base URL and the key.

    safechat serve --http-port 8080 &
    python examples/perspective_client.py "what kind of idiot name is foo?"
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request

BASE_URL = os.environ.get(
    "PERSPECTIVE_BASE_URL", "http://127.0.0.1:8080"
)  # changed: was https://commentanalyzer.googleapis.com
API_KEY = os.environ.get("PERSPECTIVE_API_KEY", "")  # changed: safechat's token, if one is set


def analyze(text: str) -> dict[str, object]:
    body = {
        "comment": {"text": text},
        "languages": ["en"],
        "requestedAttributes": {"TOXICITY": {}, "INSULT": {}, "THREAT": {}},
        "doNotStore": True,
    }
    request = urllib.request.Request(
        f"{BASE_URL}/v1alpha1/comments:analyze?key={API_KEY}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)  # type: ignore[no-any-return]


if __name__ == "__main__":
    result = analyze(" ".join(sys.argv[1:]) or "friendly greetings from python")
    for attribute, score in result["attributeScores"].items():  # type: ignore[attr-defined]
        print(f"{attribute}: {score['summaryScore']['value']:.3f}")
