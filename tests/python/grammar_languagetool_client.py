"""Drives our LanguageTool-compatible endpoint with the stock `language_tool_python` client.

Usage: grammar_languagetool_client.py BASE_URL (e.g. http://127.0.0.1:PORT/api/v1/grammar/)
Prints one JSON object with what the client saw; the Rust test asserts on it.
"""
import json
import sys

import language_tool_python

base = sys.argv[1]
tool = language_tool_python.LanguageTool("en-US", remote_server=base)
text = "This is a speling mistake. I have a apple."
matches = tool.check(text)
corrected = tool.correct(text)
print(json.dumps({
    "matches": [{"rule": m.rule_id, "offset": m.offset, "length": m.error_length,
                 "replacements": m.replacements[:3]} for m in matches],
    "corrected": corrected,
}))
tool.close()
