#!/usr/bin/env python3
"""Where the CPU of a request goes, by layer: the service against the baseline.

    bench/profile/layers.py target/bench/hot.collapsed REQUESTS target/bench/baseline.collapsed REQUESTS

Reads async-profiler's collapsed stacks recorded with `threads` (bench/run.sh profile:
one CPU sample per millisecond of CPU, the thread's name as the first frame) and the
number of requests each JVM answered meanwhile. Prints samples per 1000 requests, that
is CPU milliseconds per 1000 requests, for each layer: request threads by the first frame
from the leaf whose class matches LAYERS (JDK frames skipped), and the JIT compiler, the
GC and the other threads as a whole. Per request, not shares: a layer the service has and
the baseline has not shows as what it adds.
"""
import sys
from collections import Counter

# A request thread's sample goes to the first frame, from the leaf down, whose class
# matches one of these prefixes: the layer that was doing the work.
LAYERS = [
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("logging (Logback, SLF4J)", ("ch.qos.logback.", "org.slf4j.")),
    ("icebroker: rate limit", ("io.icebroker.security.ratelimit.",)),
    ("icebroker: chain, TurnLog, cache", ("io.icebroker.chain.",)),
    ("icebroker: security (api key)", ("io.icebroker.security.",)),
    ("icebroker: controller, user id", ("io.icebroker.credentials.",)),
    ("icebroker: other", ("io.icebroker.",)),
    ("rate-limit libraries (Bucket4j, Caffeine)", ("io.github.bucket4j.", "com.github.benmanes.caffeine.")),
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
    ("servlet filters and wrappers (Spring, Jakarta)", ("org.springframework.web.filter.", "jakarta.servlet.")),
    ("Spring other", ("org.springframework.",)),
    ("Tomcat", ("org.apache.",)),
]


def thread_kind(name, frames):
    if "-exec-" in name:
        return None
    # Thread names are cut at 15 characters ("C2 CompilerThre").
    if "CompilerThre" in name or any("CompileBroker::" in frame for frame in frames):
        return "[JIT compiler threads]"
    if "GC Thread" in name or name.startswith(("[G1", "[GC")) or "G1 " in name:
        return "[GC threads]"
    return "[other threads: Tomcat poller and acceptor, timers, ...]"


def layer(frames):
    for frame in reversed(frames):
        # Java frames are written with slashes (org/apache/...); kernel and native ones
        # (do_softirq_[k], clock_gettime) have none and count with the JDK's.
        if "/" not in frame:
            continue
        name = frame.replace("/", ".")
        if name.startswith(("java.", "jdk.", "sun.", "javax.")):
            continue
        for label, prefixes in LAYERS:
            if name.startswith(prefixes):
                return label
        return "other: " + name.rsplit(".", 2)[0]
    return "JDK, JVM and kernel only (sockets, system calls, threads)"


def read(path):
    counts = Counter()
    for line in open(path, encoding="utf-8"):
        stack, _, samples = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        frames = stack.split(";")
        thread = frames[0].strip("[]")
        counts[thread_kind(thread, frames) or layer(frames[1:])] += int(samples)
    return counts


def main(args):
    if len(args) != 4:
        sys.exit(__doc__)
    service, baseline = read(args[0]), read(args[2])
    per = (1000.0 / int(args[1]), 1000.0 / int(args[3]))
    rows = sorted(set(service) | set(baseline), key=lambda k: -(service[k] * per[0]))
    print(f"CPU ms per 1000 requests   {'service':>8} {'baseline':>9}   layer")
    for row in rows:
        print(f"                           {service[row] * per[0]:8.1f} {baseline[row] * per[1]:9.1f}   {row}")
    total = (sum(service.values()) * per[0], sum(baseline.values()) * per[1])
    print(f"                           {total[0]:8.1f} {total[1]:9.1f}   total (baseline/service {total[1] / total[0]:.2f})")


if __name__ == "__main__":
    main(sys.argv[1:])
