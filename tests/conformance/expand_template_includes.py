#!/usr/bin/env python3
"""Expands template.yaml's AWS::Include transforms from the local files they name and lints the result.

`sam deploy` uploads each included file and CloudFormation splices it in at deploy time, so a plain cfn-lint run
never sees the generated schemas (schemas/cloudformation/*.json) in place. This script splices them in exactly where
CloudFormation would, then runs cfn-lint over the expanded template, so the resource specification of
AWS::Bedrock::Agent and AWS::BedrockAgentCore::GatewayTarget checks what the tool registry generated.

Usage: expand_template_includes.py template.yaml  (exit status: cfn-lint's, or 2 for a missing include)
"""
import json
import os
import subprocess
import sys
import tempfile

from cfnlint.decode import decode


def expand(node, base, found):
    if isinstance(node, dict):
        transform = node.get("Fn::Transform")
        if len(node) == 1 and isinstance(transform, dict) and transform.get("Name") == "AWS::Include":
            location = transform["Parameters"]["Location"]
            path = os.path.join(base, location)
            if not os.path.isfile(path):
                raise FileNotFoundError(f"AWS::Include names {location}, which does not exist")
            with open(path, encoding="utf-8") as f:
                found.append(location)
                return json.load(f)
        return {key: expand(value, base, found) for key, value in node.items()}
    if isinstance(node, list):
        return [expand(item, base, found) for item in node]
    return node


def main():
    template_path = sys.argv[1]
    template, matches = decode(template_path)
    if matches:
        for match in matches:
            print(match)
        return 2
    found = []
    try:
        expanded = expand(json.loads(json.dumps(template, default=str)), os.path.dirname(os.path.abspath(template_path)), found)
    except FileNotFoundError as error:
        print(error)
        return 2
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(expanded, out)
    print(f"expanded {len(found)} AWS::Include file(s): {', '.join(found)}")
    return subprocess.run(["cfn-lint", out.name]).returncode


if __name__ == "__main__":
    sys.exit(main())
