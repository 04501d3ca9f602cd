#!/usr/bin/env python3
"""Expands template.yaml's AWS::Include transforms and state machine DefinitionUri files, and lints the result.

`sam deploy` uploads each included file and CloudFormation splices it in at deploy time, so a plain cfn-lint run
never sees the generated schemas (schemas/cloudformation/*.json) in place. This script splices them in exactly where
CloudFormation would, then runs cfn-lint over the expanded template, so the resource specification of
AWS::Bedrock::Agent and AWS::BedrockAgentCore::GatewayTarget checks what the tool registry generated. Likewise `sam deploy` uploads an AWS::Serverless::StateMachine's local
DefinitionUri (statemachine/incident.asl.json); the script puts the definition inline (`Definition`, which SAM accepts
with the same DefinitionSubstitutions). cfn-lint checks an Amazon States Language definition only on the
AWS::StepFunctions::StateMachine that SAM generates, which it never sees after its own SAM transform, so the script
adds that resource beside the serverless one (same Definition, same DefinitionSubstitutions) for the linter to check.

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


def inline_state_machine_definitions(template, base, found):
    """Puts each AWS::Serverless::StateMachine's local DefinitionUri inline; returns the properties of those changed."""
    inlined = []
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        location = properties.get("DefinitionUri")
        if resource.get("Type") != "AWS::Serverless::StateMachine" or not isinstance(location, str):
            continue
        path = os.path.join(base, location)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"DefinitionUri names {location}, which does not exist")
        with open(path, encoding="utf-8") as f:
            properties["Definition"] = json.load(f)
        del properties["DefinitionUri"]
        found.append(location)
        inlined.append(properties)
    return inlined


def add_asl_lint_copies(template, inlined):
    """Adds an AWS::StepFunctions::StateMachine beside each inlined serverless one, for cfn-lint's ASL checks."""
    for index, properties in enumerate(inlined):
        template["Resources"][f"AslLintStateMachine{index}"] = {
            "Type": "AWS::StepFunctions::StateMachine",
            "Properties": {
                "RoleArn": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/asl-lint"},
                "StateMachineType": properties.get("Type", "STANDARD"),
                "Definition": properties["Definition"],
                "DefinitionSubstitutions": properties.get("DefinitionSubstitutions", {}),
            },
        }


def main():
    template_path = sys.argv[1]
    template, matches = decode(template_path)
    if matches:
        for match in matches:
            print(match)
        return 2
    found = []
    try:
        base = os.path.dirname(os.path.abspath(template_path))
        expanded = expand(json.loads(json.dumps(template, default=str)), base, found)
        add_asl_lint_copies(expanded, inline_state_machine_definitions(expanded, base, found))
    except FileNotFoundError as error:
        print(error)
        return 2
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(expanded, out)
    print(f"expanded {len(found)} file(s): {', '.join(found)}")
    return subprocess.run(["cfn-lint", out.name]).returncode


if __name__ == "__main__":
    sys.exit(main())
