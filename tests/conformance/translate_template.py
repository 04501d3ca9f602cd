#!/usr/bin/env python3
"""Translates template.yaml to the CloudFormation template `sam deploy` would create, offline.

`sam deploy` first packages the template (each local path SAM would upload becomes an s3:// location, each AWS::Include
is uploaded and spliced in by CloudFormation, a state machine's DefinitionUri is uploaded) and then CloudFormation
runs the AWS::Serverless-2016-10-31 transform, which is the samtranslator package. This script does the same without
AWS: it decodes the YAML with cfn-lint's decoder (short-form tags such as !Ref and !GetAtt), splices the AWS::Include
files and puts the state machine definitions inline exactly as expand_template_includes.py does (same functions),
replaces every other local path by a placeholder s3:// location, and runs samtranslator's transform with a managed
policy loader that never calls IAM (an AWS-managed policy name maps to arn:<partition>:iam::aws:policy/<name>).
Nothing is uploaded and no credentials are read; the Region only decides the partition of generated ARNs.

Usage:
  translate_template.py [template.yaml] [--out FILE] [--region us-east-1]   the translated template (JSON)
  translate_template.py [template.yaml] --decoded [--out FILE]              decoded, includes spliced, untranslated
  translate_template.py [template.yaml] --includes [--out FILE]             the AWS::Include Locations (JSON array)
  translate_template.py --resource-types ACTION [ACTION ...]                each IAM action's resource types (JSON object)

--resource-types answers from cfn-lint's copy of the Service Authorization Reference (cfnlint/data/AdditionalSpecs/
Policies.json): {"xray:PutTraceSegments": [], "logs:StartQuery": ["log-group"], "svc:Unknown": null}. An empty list
means the action supports no resource-level permissions, so a policy can only grant it on "*".

Exit status: 0 on success; 1 when the template is invalid (YAML errors, a missing include or local path, SAM
translation errors), with the reasons on stderr; 3 when cfn-lint or samtranslator is not installed.
"""
import argparse
import copy
import json
import os
import sys

# Importing expand_template_includes must leave no __pycache__ folder in the repository.
sys.dont_write_bytecode = True

# Exit codes (tests/EksOps.Template.Tests reads them: 3 means "the tools are missing", not "the template is wrong").
INVALID_TEMPLATE = 1
TOOLS_MISSING = 3

# The Python packages this script needs (cfn-lint brings samtranslator, which brings boto3).
REQUIRED_MODULES = {"cfnlint", "samtranslator", "boto3", "botocore"}

# The bucket of the placeholder s3:// locations; nothing is ever uploaded there.
PACKAGE_BUCKET = "eksops-sam-package-placeholder"

# The properties `sam package` uploads when they name a local path (aws-sam-cli samcli/lib/utils/resources.py,
# RESOURCES_WITH_LOCAL_PATHS): an s3:// URI string replaces the path, or for the CloudFormation types whose property
# is an object, a {bucket, key} object with that type's member names. AWS::Serverless::StateMachine's DefinitionUri is
# not here: its definition is put inline (see inline_state_machine_definitions), so the translated template carries it.
LOCAL_PATH_PROPERTIES = {
    "AWS::Serverless::Function": [("CodeUri", None)],
    "AWS::Serverless::LayerVersion": [("ContentUri", None)],
    "AWS::Serverless::Api": [("DefinitionUri", None)],
    "AWS::Serverless::HttpApi": [("DefinitionUri", None)],
    "AWS::Serverless::Application": [("Location", None)],
    "AWS::Lambda::Function": [("Code", ("S3Bucket", "S3Key"))],
    "AWS::Lambda::LayerVersion": [("Content", ("S3Bucket", "S3Key"))],
    "AWS::StepFunctions::StateMachine": [("DefinitionS3Location", ("Bucket", "Key"))],
    "AWS::ApiGateway::RestApi": [("BodyS3Location", ("Bucket", "Key"))],
    "AWS::ApiGatewayV2::Api": [("BodyS3Location", ("Bucket", "Key"))],
    "AWS::ElasticBeanstalk::ApplicationVersion": [("SourceBundle", ("S3Bucket", "S3Key"))],
    "AWS::AppSync::GraphQLSchema": [("DefinitionS3Location", None)],
    "AWS::AppSync::Resolver": [("RequestMappingTemplateS3Location", None), ("ResponseMappingTemplateS3Location", None)],
    "AWS::AppSync::FunctionConfiguration": [("RequestMappingTemplateS3Location", None), ("ResponseMappingTemplateS3Location", None)],
    "AWS::CloudFormation::ModuleVersion": [("ModulePackage", None)],
    "AWS::CloudFormation::ResourceVersion": [("SchemaHandlerPackage", None)],
    "AWS::CloudFormation::Stack": [("TemplateURL", None)],
    "AWS::Glue::Job": [("Command.ScriptLocation", None)],
}

# Serverless resources whose code `sam package` takes from the template's folder when the property is absent.
PACKAGED_WHEN_ABSENT = {"AWS::Serverless::Function", "AWS::Serverless::LayerVersion"}


class TemplateError(Exception):
    """The template cannot be decoded, packaged or translated; the message says why."""


def is_remote(value):
    return value.startswith(("s3://", "https://", "http://"))


def package_local_paths(template, base):
    """Replaces every local path `sam package` would upload by a placeholder S3 location."""
    for logical_id, resource in template.get("Resources", {}).items():
        if not isinstance(resource, dict):
            continue
        properties = resource.get("Properties")
        if not isinstance(properties, dict):
            continue
        for path, members in LOCAL_PATH_PROPERTIES.get(resource.get("Type"), []):
            *parents, name = path.split(".")
            holder = properties
            for parent in parents:
                holder = holder.get(parent) if isinstance(holder, dict) else None
            if not isinstance(holder, dict):
                continue
            value = holder.get(name)
            if value is None and resource.get("Type") in PACKAGED_WHEN_ABSENT and not any(
                    key in properties for key in ("InlineCode", "ImageUri")) and properties.get("PackageType") != "Image":
                value = "."  # sam package uploads the template's folder for a function or layer that names no code
            if not isinstance(value, str) or is_remote(value):
                continue
            local = os.path.normpath(os.path.join(base, value))
            if not os.path.exists(local):
                raise TemplateError(f"{logical_id}.{path} names {value}, which does not exist (sam package would fail)")
            key = f"{logical_id}/{path}"
            holder[name] = {members[0]: PACKAGE_BUCKET, members[1]: key} if members else f"s3://{PACKAGE_BUCKET}/{key}"


def find_includes(node, found):
    """Collects the Location of every AWS::Include transform, without reading the files."""
    if isinstance(node, dict):
        transform = node.get("Fn::Transform")
        if isinstance(transform, dict) and transform.get("Name") == "AWS::Include":
            found.append((transform.get("Parameters") or {}).get("Location"))
        for value in node.values():
            find_includes(value, found)
    elif isinstance(node, list):
        for item in node:
            find_includes(item, found)
    return found


def decode_template(template_path):
    from cfnlint.decode import decode

    if not os.path.isfile(template_path):
        raise TemplateError(f"{template_path} does not exist")
    template, matches = decode(template_path)
    if matches:
        raise TemplateError("\n".join(str(match) for match in matches))
    # cfn-lint's node types (and YAML dates) become plain JSON values.
    return json.loads(json.dumps(template, default=str))


def expanded_template(template_path):
    """The decoded template with its AWS::Include files spliced in, as CloudFormation would (untranslated)."""
    from expand_template_includes import expand

    base = os.path.dirname(os.path.abspath(template_path))
    try:
        return expand(decode_template(template_path), base, []), base
    except FileNotFoundError as error:
        raise TemplateError(str(error)) from error


def translate(template_path, region):
    """The CloudFormation template the SAM transform makes of the packaged template."""
    from expand_template_includes import inline_state_machine_definitions

    template, base = expanded_template(template_path)
    try:
        inline_state_machine_definitions(template, base, [])
    except FileNotFoundError as error:
        raise TemplateError(str(error)) from error
    package_local_paths(template, base)

    # The translator asks boto3 for the Region (it only decides the partition); no credentials and no config file.
    os.environ["AWS_DEFAULT_REGION"] = region
    os.environ["AWS_REGION"] = region
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.translator.arn_generator import ArnGenerator
    from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
    from samtranslator.translator.transform import transform

    ArnGenerator.BOTO_SESSION_REGION_NAME = region
    partition = ArnGenerator.get_partition_name(region)

    class OfflineManagedPolicyLoader(ManagedPolicyLoader):
        """Answers from the policy names instead of IAM ListPolicies (as samtranslator's own tests stub the loader)."""

        def __init__(self, names):
            super().__init__(iam_client=None)
            self._names = names

        def load(self):
            return {name: f"arn:{partition}:iam::aws:policy/{name}" for name in self._names}

    try:
        return transform(
            copy.deepcopy(template),
            {},
            OfflineManagedPolicyLoader(policy_names(template)),
            passthrough_metadata=True,
        )
    except InvalidDocumentException as error:
        raise TemplateError(
            "SAM translation failed:\n" + "\n".join(f"  {cause.message}" for cause in error.causes)) from error
    except Exception as error:  # the translator raises many kinds; each is a reason the template is invalid
        message = getattr(error, "message", None) or str(error) or type(error).__name__
        raise TemplateError(f"SAM translation failed: {message}") from error


def policy_names(template):
    """Every plain string in a Policies list of a serverless function or state machine (the candidates for AWS-managed names)."""
    names = set()
    for resource in template.get("Resources", {}).values():
        if not isinstance(resource, dict) or resource.get("Type") not in ("AWS::Serverless::Function", "AWS::Serverless::StateMachine"):
            continue
        policies = (resource.get("Properties") or {}).get("Policies")
        for policy in policies if isinstance(policies, list) else [policies]:
            if isinstance(policy, str) and not policy.startswith("arn:"):
                names.add(policy)
    return names


def action_resource_types(actions):
    """The resource types each IAM action supports, per cfn-lint's copy of the Service Authorization Reference."""
    from cfnlint.data import AdditionalSpecs
    from cfnlint.helpers import load_resource

    services = load_resource(AdditionalSpecs, "Policies.json")
    result = {}
    for action in actions:
        service, _, name = action.partition(":")
        known = services.get(service.lower(), {}).get("Actions", {}).get(name.lower())
        result[action] = None if known is None else sorted(known.get("Resources", []))
    return result


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("template", nargs="?", default="template.yaml")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--decoded", action="store_true", help="print the decoded template with includes spliced in, untranslated")
    mode.add_argument("--includes", action="store_true", help="print the AWS::Include Locations as a JSON array")
    mode.add_argument("--resource-types", nargs="+", metavar="ACTION", help="print the resource types of IAM actions")
    parser.add_argument("--region", default="us-east-1", help="the Region the translation assumes (decides the partition)")
    parser.add_argument("--out", help="write the JSON here instead of stdout")
    args = parser.parse_args(argv)

    try:
        if args.resource_types:
            result = action_resource_types(args.resource_types)
        elif args.includes:
            result = find_includes(decode_template(args.template), [])
        elif args.decoded:
            result = expanded_template(args.template)[0]
        else:
            result = translate(args.template, args.region)
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] not in REQUIRED_MODULES:
            raise
        print(f"translate_template.py needs cfn-lint and samtranslator (pip install cfn-lint): {error}", file=sys.stderr)
        return TOOLS_MISSING
    except TemplateError as error:
        print(f"{args.template}: {error}", file=sys.stderr)
        return INVALID_TEMPLATE

    text = json.dumps(result, indent=2, sort_keys=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
