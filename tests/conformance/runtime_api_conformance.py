#!/usr/bin/env python3
"""Drives a built `bootstrap` through an implementation of the Lambda Runtime API (2018-06-01) that shares no code
with EksOps, so the runtime is checked against the protocol rather than against our own test server.

    python3 tests/conformance/runtime_api_conformance.py --bootstrap /tmp/out/bootstrap --events events [--invocations 1000]
        [--run-with "qemu-aarch64 -L /usr/aarch64-linux-gnu"]   # an arm64 bootstrap on an x86_64 machine

It sends a mix of real alarm events and bad ones (malformed JSON, an empty body, JSON null, a JSON array, an
alarm configuration-change event) and checks that every invocation is answered exactly once, on the right route,
with Lambda's error shape, and that the process is still running at the end. AlarmIngest's valid events reach
DynamoDB, Step Functions and EventBridge: the script serves those with moto on loopback (a table, a state machine
and the default bus, created before the bootstrap starts) and points the function at it. The last line is
`runtime-api-conformance: N passed, N failed` (one count per check); the exit code is 1 if any check failed.
"""
import argparse
import glob
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json"
MAX_RESPONSE = 6 * 1024 * 1024


class RuntimeApi:
    def __init__(self):
        self.pending = queue.Queue()
        self.lock = threading.Lock()
        self.answers = {}        # request id -> list of (route, content type, error-type header, body)
        self.waiters = {}        # request id -> threading.Event
        self.unknown_answers = 0
        self.next_calls = 0
        self.init_errors = []

    def invoke(self, body, timeout=15.0, client_context=None):
        request_id = str(uuid.uuid4())
        done = threading.Event()
        with self.lock:
            self.answers[request_id] = []
            self.waiters[request_id] = done
        self.pending.put((request_id, body, client_context))
        if not done.wait(timeout):
            return request_id, None
        with self.lock:
            return request_id, self.answers[request_id][0]


def make_handler(api):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus delayed ACKs add ~40 ms.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args):
            pass

        def reply(self, status, body=b"", content_type="application/json", headers=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path != "/2018-06-01/runtime/invocation/next":
                return self.reply(404, b'{"errorMessage":"not found","errorType":"NotFound"}')
            with api.lock:
                api.next_calls += 1
            request_id, body, client_context = api.pending.get()
            headers = {
                "Lambda-Runtime-Aws-Request-Id": request_id,
                "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 30000),
                "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:conformance",
                "Lambda-Runtime-Trace-Id": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
            }
            if client_context is not None:
                headers["Lambda-Runtime-Client-Context"] = client_context
            self.reply(200, body, headers=headers)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = self.path.split("/")
            if self.path == "/2018-06-01/runtime/init/error":
                api.init_errors.append(body)
                return self.reply(202, b'{"status":"OK"}')
            if len(parts) != 6 or parts[3] != "invocation" or parts[5] not in ("response", "error"):
                return self.reply(404, b'{"errorMessage":"not found","errorType":"NotFound"}')
            request_id, route = parts[4], parts[5]
            with api.lock:
                if request_id not in api.answers:
                    api.unknown_answers += 1
                    return self.reply(400, b'{"errorMessage":"unknown request id","errorType":"InvalidRequestID"}')
                answers = api.answers[request_id]
                answers.append((route, self.headers.get("Content-Type"),
                                self.headers.get("Lambda-Runtime-Function-Error-Type"), body))
                first = len(answers) == 1
                api.waiters[request_id].set()
            if not first:
                return self.reply(403, b'{"errorMessage":"already answered","errorType":"InvalidStateTransition"}')
            if route == "response" and len(body) > MAX_RESPONSE:
                return self.reply(413, b'{"errorMessage":"too large","errorType":"RequestEntityTooLarge"}')
            self.reply(202, b'{"status":"OK"}')

    return Handler


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"  PASS {name}")
        else:
            self.failed += 1
            print(f"  FAIL {name}: {detail}")


def start_moto():
    """Starts moto_server on a free loopback port with what AlarmIngest needs; returns (process, environment)."""
    import boto3

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    keys = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "region_name": "us-east-1"}
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    dynamodb = boto3.client("dynamodb", endpoint_url=endpoint, **keys)
    dynamodb.create_table(TableName="incidents", BillingMode="PAY_PER_REQUEST",
                          AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
                          KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
    machine = boto3.client("stepfunctions", endpoint_url=endpoint, **keys).create_state_machine(
        name="incident", roleArn="arn:aws:iam::123456789012:role/eksops",
        definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}))
    return process, {
        "EKSOPS_ENDPOINT": endpoint, "EKSOPS_INCIDENT_TABLE": "incidents", "EKSOPS_STATE_MACHINE_ARN": machine["stateMachineArn"],
        "AWS_ACCESS_KEY_ID": keys["aws_access_key_id"], "AWS_SECRET_ACCESS_KEY": keys["aws_secret_access_key"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--events", required=True, help="folder of valid alarm state-change events")
    parser.add_argument("--invocations", type=int, default=1000)
    parser.add_argument("--run-with", default="", help="a launcher to prefix, e.g. 'qemu-aarch64 -L /usr/aarch64-linux-gnu' for an arm64 bootstrap")
    args = parser.parse_args()

    valid = [open(f, "rb").read() for f in sorted(glob.glob(os.path.join(args.events, "cloudwatch-alarm-*.json")))]
    if not valid:
        print(f"no events in {args.events}")
        return 2
    config_change = json.dumps({
        "version": "0", "id": "1", "detail-type": "CloudWatch Alarm Configuration Change", "source": "aws.cloudwatch",
        "account": "123456789012", "time": "2022-03-03T17:06:22Z", "region": "us-east-1",
        "resources": ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:a"],
        "detail": {"alarmName": "a", "operation": "delete", "state": {"value": "OK", "timestamp": "2022-03-03T17:06:22.289+0000"}},
    }).encode()
    # (body, expected route, expected errorType or None)
    bad = [
        (b"{not json", "error", "EventDeserializationException"),
        (b"", "error", "EventDeserializationException"),
        # JSON null is valid JSON: the runtime hands it to a JsonElement handler, which rejects it as not an alarm.
        (b"null", "error", "InvalidAlarmEventException"),
        (b"[1,2,3]", "error", "InvalidAlarmEventException"),
        (config_change, "error", "InvalidAlarmEventException"),
    ]

    api = RuntimeApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(api))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    moto, aws = start_moto()
    env = dict(os.environ)
    env.update(aws)
    env.update({
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{server.server_address[1]}",
        "AWS_LAMBDA_FUNCTION_NAME": "conformance", "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256", "AWS_REGION": "us-east-1", "AWS_LAMBDA_LOG_FORMAT": "JSON",
    })
    process = subprocess.Popen(args.run_with.split() + [args.bootstrap], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output_lines = []
    threading.Thread(target=lambda: output_lines.extend(process.stdout), daemon=True).start()

    checks = Checks()
    print(f"runtime-api-conformance: {args.invocations} invocations of {args.bootstrap}")
    unanswered, wrong_route, bad_shape, bad_ok = [], [], [], []
    for i in range(args.invocations):
        if i % 4 == 3:
            body, route, error_type = bad[(i // 4) % len(bad)]
        else:
            body, route, error_type = valid[i % len(valid)], "response", None
        request_id, answer = api.invoke(body)
        if answer is None:
            unanswered.append(i)
            if process.poll() is not None:
                break
            continue
        got_route, content_type, header_type, payload = answer
        if got_route != route:
            wrong_route.append((i, got_route, payload[:200]))
            continue
        try:
            document = json.loads(payload)
        except ValueError:
            bad_shape.append((i, "not JSON", payload[:200]))
            continue
        if route == "error":
            shape_ok = (content_type == ERROR_CONTENT_TYPE and isinstance(document, dict)
                        and document.get("errorType") == error_type and header_type == error_type
                        and isinstance(document.get("errorMessage"), str) and document["errorMessage"]
                        and isinstance(document.get("stackTrace", []), list))
            if not shape_ok:
                bad_shape.append((i, content_type, header_type, payload[:300]))
        elif not (isinstance(document, dict) and document.get("decision") in ("Open", "Close", "Ignore")):
            bad_ok.append((i, payload[:200]))

    # The runtime asks for the next invocation right after answering; give that request a moment to arrive.
    deadline = time.time() + 5
    while api.next_calls < args.invocations + 1 and time.time() < deadline:
        time.sleep(0.01)
    alive = process.poll() is None
    with api.lock:
        answer_counts = [len(a) for a in api.answers.values()]
    checks.check("every invocation answered", not unanswered, f"{len(unanswered)} unanswered, first {unanswered[:5]}")
    checks.check("each invocation answered exactly once", all(c == 1 for c in answer_counts) and api.unknown_answers == 0,
                 f"counts {sorted(set(answer_counts))}, answers for unknown ids {api.unknown_answers}")
    checks.check("valid alarm events answered on the response route", not wrong_route, str(wrong_route[:3]))
    checks.check("valid alarm events give a decision", not bad_ok, str(bad_ok[:3]))
    checks.check("bad events reported with Lambda's error shape and type", not bad_shape, str(bad_shape[:3]))
    checks.check("one GET /next per invocation plus the waiting one", api.next_calls == args.invocations + 1,
                 f"{api.next_calls} calls for {args.invocations} invocations")
    checks.check("no init error", not api.init_errors, str(api.init_errors[:1]))
    checks.check("the process is still running", alive, f"exit code {process.returncode}")
    lines = [l.decode(errors="replace").strip() for l in list(output_lines)]
    json_lines = [l for l in lines if l.startswith("{")]
    checks.check("every output line is a JSON object (AWS_LAMBDA_LOG_FORMAT=JSON)",
                 json_lines and len(json_lines) == len([l for l in lines if l]),
                 f"{len(lines) - len(json_lines)} non-JSON lines, e.g. {[l for l in lines if not l.startswith('{')][:2]}")

    process.kill()
    process.wait()
    moto.kill()
    moto.wait()
    server.shutdown()
    print(f"runtime-api-conformance: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
