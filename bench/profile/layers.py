#!/usr/bin/env python3
"""Where the request threads' CPU samples go, by layer, in a JFR recording.

    bench/profile/inclusive.py target/bench/hot.jfr

Reads jdk.ExecutionSample events through `jfr print --json` (the JDK's own tool; set
JFR to pick another) and prints the share of samples of request threads (http-nio-*) that
each layer below was running (see LAYERS), then the hottest leaf frames.
"""
import json
import os
import subprocess
import sys
from collections import Counter

# Each sample goes to the first frame, from the leaf down, whose class matches one of
# these prefixes (JDK frames are skipped): the layer that was doing the work.
LAYERS = [
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("logging (Logback, SLF4J)", ("ch.qos.logback.", "org.slf4j.")),
    ("icebroker: rate limit", ("io.icebroker.security.ratelimit.",)),
    ("icebroker: chain, TurnLog, cache", ("io.icebroker.chain.",)),
    ("icebroker: security (api key)", ("io.icebroker.security.",)),
    ("icebroker: controller, user id", ("io.icebroker.credentials.",)),
    ("icebroker: other", ("io.icebroker.",)),
    ("Spring Security: filter observation", ("org.springframework.security.web.ObservationFilterChainDecorator",)),
    ("Spring Security: header writers", ("org.springframework.security.web.header.",)),
    ("Spring Security: authorization", ("org.springframework.security.web.access.", "org.springframework.security.authorization.")),
    ("Spring Security: firewall", ("org.springframework.security.web.firewall.",)),
    ("Spring Security: request matchers", ("org.springframework.security.web.util.matcher.", "org.springframework.security.web.servlet.util.matcher.")),
    ("Spring Security: other", ("org.springframework.security.",)),
    ("Micrometer (observation, meters)", ("io.micrometer.",)),
    ("HTTP server observation filter", ("org.springframework.web.filter.ServerHttpObservationFilter", "org.springframework.http.server.observation.")),
    ("CORS", ("org.springframework.web.cors.", "org.springframework.web.filter.CorsFilter")),
    ("MVC: response writing (converters, negotiation)", ("org.springframework.http.converter.", "org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodProcessor", "org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor", "org.springframework.web.accept.", "org.springframework.http.")),
    ("MVC: argument resolution", ("org.springframework.web.method.", "org.springframework.web.bind.", "org.springframework.core.")),
    ("MVC: handler lookup", ("org.springframework.web.servlet.handler.", "org.springframework.web.servlet.mvc.method.RequestMappingInfo", "org.springframework.web.util.")),
    ("Spring other", ("org.springframework.",)),
    ("Tomcat", ("org.apache.",)),
]


def layer(names):
    for name in names:
        if name.startswith(("java.", "jdk.", "sun.")):
            continue
        for label, prefixes in LAYERS:
            if name.startswith(prefixes):
                return label
        return "other: " + name.rsplit(".", 1)[0]
    return "JDK only (threads, sockets)"


def main(path):
    jfr = os.environ.get("JFR", "jfr")
    raw = subprocess.run([jfr, "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    counts = Counter()
    top = Counter()
    total = 0
    for event in events:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or ""
        if not thread.startswith("http-nio"):
            continue
        frames = values["stackTrace"]["frames"] if values.get("stackTrace") else []
        names = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in frames]
        total += 1
        if names:
            top[names[0]] += 1
        counts[layer(names)] += 1
    print(f"{total} samples on request threads")
    for name, count in counts.most_common():
        print(f"{100.0 * count / max(total, 1):6.1f} %  {name}")
    print("\ntop frames (self):")
    for name, count in top.most_common(15):
        print(f"{100.0 * count / max(total, 1):6.1f} %  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
