package io.icebroker.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real nginx ({@code nginx} from Debian's package) in front of the application, doing
 * to each request what Railway's edge does: {@code X-Real-IP} is overwritten with the
 * client's address, and {@code X-Forwarded-For} is rewritten to
 * {@code <client>, <public edge hop>}, the hop rotating from one connection to the next.
 * Forged values of either header never reach the application.
 */
public final class RailwayEdge implements AutoCloseable {

	private static final Path NGINX = Path.of("/usr/sbin/nginx");

	private final Process process;

	private final Path workDirectory;

	private final int port;

	private RailwayEdge(Process process, Path workDirectory, int port) {
		this.process = process;
		this.workDirectory = workDirectory;
		this.port = port;
	}

	/**
	 * Skip the calling test when nginx is not installed, except on CI ({@code CI=true}),
	 * where a missing nginx is a failure: {@code .ci/run} installs it.
	 */
	public static void assumeInstalled() {
		if (Files.isExecutable(NGINX)) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("nginx is not installed; .ci/run must install the nginx package");
		}
		Assumptions.abort("nginx is not installed (apt-get install -y nginx)");
	}

	/**
	 * Start the edge in front of an application on loopback.
	 * @param applicationPort the application's port
	 * @return the running edge, listening on 127.0.0.1
	 * @throws IOException if nginx cannot start
	 */
	public static RailwayEdge start(int applicationPort) throws IOException {
		assumeInstalled();
		Path workDirectory = Files.createTempDirectory("railway-edge");
		int port = LoopbackPorts.free();
		Files.writeString(workDirectory.resolve("nginx.conf"), configuration(workDirectory, port, applicationPort));
		Process process = new ProcessBuilder(NGINX.toString(), "-p", workDirectory.toString(), "-c",
				workDirectory.resolve("nginx.conf").toString(), "-e", workDirectory.resolve("error.log").toString())
			.redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("nginx.out").toFile())
			.start();
		RailwayEdge edge = new RailwayEdge(process, workDirectory, port);
		edge.awaitListening(Duration.ofSeconds(10));
		return edge;
	}

	private static String configuration(Path workDirectory, int port, int applicationPort) {
		String directory = workDirectory.toString();
		return """
				daemon off;
				master_process off;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log warn;
				events { worker_connections 256; }
				http {
				    client_body_temp_path %1$s/body;
				    proxy_temp_path %1$s/proxy;
				    fastcgi_temp_path %1$s/fastcgi;
				    uwsgi_temp_path %1$s/uwsgi;
				    scgi_temp_path %1$s/scgi;
				    # One of ten public edge hops, chosen by the connection's serial number.
				    map $connection $edge_hop {
				        ~(?<last>[0-9])$ 152.233.33.16$last;
				    }
				    log_format edge '$remote_addr $edge_hop';
				    access_log %1$s/access.log edge;
				    server {
				        listen 127.0.0.1:%2$d;
				        location / {
				            proxy_pass http://127.0.0.1:%3$d;
				            proxy_set_header X-Real-IP $remote_addr;
				            proxy_set_header X-Forwarded-For "$remote_addr, $edge_hop";
				            proxy_set_header X-Forwarded-Proto https;
				        }
				    }
				}
				""".formatted(directory, port, applicationPort);
	}

	/**
	 * The edge's port on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The public edge hops the edge appended, one per request it served, in order.
	 * @return the hops
	 * @throws IOException if the access log cannot be read
	 */
	public List<String> edgeHops() throws IOException {
		return Files.readAllLines(this.workDirectory.resolve("access.log"), StandardCharsets.UTF_8)
			.stream()
			.map((line) -> line.substring(line.indexOf(' ') + 1))
			.toList();
	}

	private void awaitListening(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				fail("nginx exited: " + Files.readString(this.workDirectory.resolve("nginx.out"))
						+ Files.readString(this.workDirectory.resolve("error.log")));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
				return;
			}
			catch (IOException notYet) {
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
		}
		fail("nginx did not listen on port " + this.port + " within " + timeout);
	}

	@Override
	public void close() throws IOException {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		FileSystemUtils.deleteRecursively(this.workDirectory);
	}

}
