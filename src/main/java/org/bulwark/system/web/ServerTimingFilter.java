package org.bulwark.system.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds {@code Server-Timing: app;dur=…} to every response: the time the server spent before the
 * body started, which browsers' developer tools and the benchmark read. Set when the response is
 * about to be committed, because a header cannot be added after that.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerTimingFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		TimingResponse timed = new TimingResponse(response, start);
		chain.doFilter(request, timed);
		timed.stamp();
	}

	private static final class TimingResponse extends HttpServletResponseWrapper {

		private final long start;
		private boolean stamped;

		TimingResponse(HttpServletResponse response, long start) {
			super(response);
			this.start = start;
		}

		void stamp() {
			if (!stamped && !isCommitted()) {
				stamped = true;
				// tenths of a millisecond, without String.format (every API answer has one)
				long tenths = (System.nanoTime() - start + 50_000) / 100_000;
				setHeader("Server-Timing", "app;dur=" + tenths / 10 + "." + tenths % 10);
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			stamp();
			return super.getOutputStream();
		}

		@Override
		public java.io.PrintWriter getWriter() throws IOException {
			stamp();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			stamp();
			super.flushBuffer();
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			stamp();
			super.sendRedirect(location);
		}

		@Override
		public void sendError(int sc) throws IOException {
			stamp();
			super.sendError(sc);
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			stamp();
			super.sendError(sc, msg);
		}
	}
}
