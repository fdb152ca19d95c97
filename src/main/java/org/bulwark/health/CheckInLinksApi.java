package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal check-in links and proxy reports over REST. Links: CHECK_IN_LINKS_MANAGE, for people
 * within the caller's scope (anyone else is "not found", like a person who does not exist). Proxy
 * reports: the caller's own person reports for their dependants.
 */
@RestController
@RequestMapping("/api/v1/health")
@Tag(name = "Health: links and proxies", description = "Personal check-in links for people without an account; proxy reports for dependants")
class CheckInLinksApi {

	private final CheckInLinks links;
	private final ProxyReports reports;
	private final MessageSource messages;

	CheckInLinksApi(CheckInLinks links, ProxyReports reports, MessageSource messages) {
		this.links = links;
		this.reports = reports;
		this.messages = messages;
	}

	/** @param expiresAt none for a link that does not expire */
	record IssueRequest(Long personId, OffsetDateTime expiresAt) {
	}

	/** @param kind ORG_UNIT, PLACE (people living there) or GRID; @param code its code */
	record IssueGroupRequest(Registry.GroupKind kind, String code, OffsetDateTime expiresAt) {
	}

	/** @param token the secret, returned only here; the link opens at /link/{token} */
	record IssuedView(long id, long personId, String personCode, String personName, String token, String path,
			Instant expiresAt) {

		static IssuedView of(CheckInLinks.Issued l) {
			return new IssuedView(l.linkId(), l.personId(), l.personCode(), l.personName(), l.token(), "/link/" + l.token(),
					l.expiresAt());
		}
	}

	/** @param truncated more people than one issue covers ({@link CheckInLinks#MAX_GROUP}); issue sub-units for the rest */
	record IssuedGroupView(String group, List<IssuedView> links, boolean truncated) {
	}

	record LinkView(long id, long personId, String personCode, String personName, String orgUnitName,
			CheckInLinks.Status status, Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt,
			Instant lastUsedAt) {

		static LinkView of(CheckInLinks.LinkRow r) {
			return new LinkView(r.id(), r.personId(), r.personCode(), r.personName(), r.orgUnitName(), r.status(),
					r.createdAt(), r.createdBy(), r.expiresAt(), r.revokedAt(), r.lastUsedAt());
		}
	}

	record Page<T>(List<T> items, int page, int size, long total, boolean totalCapped) {
	}

	record ProxyItem(Long personId, String slotCode, BigDecimal temperature, List<String> symptoms, Boolean onCampus,
			String city) {
	}

	record ProxyReportRequest(List<ProxyItem> items) {
	}

	/** @param status SAVED, REPLAYED (this key was seen before: nothing stored twice), INVALID or NOT_FOUND */
	record ProxyItemResult(int index, Long personId, String name, ProxyReports.Status status,
			HealthApi.CheckInView checkIn, List<HealthApi.Problems.Problem> problems) {
	}

	@GetMapping("/check-in-links")
	@PreAuthorize("hasAuthority('PERM_CHECK_IN_LINKS_MANAGE')")
	@Operation(summary = "List check-in links", description = """
			Links of people within the caller's scope, newest first; status ACTIVE (default), EXPIRED, REVOKED or ALL; \
			q is the start of a name or person number. Secrets are never listed: only a hash is stored.""")
	Page<LinkView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		CheckInLinksController.Params params = new CheckInLinksController.Params(q, status, page, size, null, null);
		PageResult<CheckInLinks.LinkRow> result = links.search(CurrentUser.get(), params.toFilter(), params.toPage(),
				Instant.now());
		return new Page<>(result.items().stream().map(LinkView::of).toList(), result.page(), result.size(), result.total(),
				result.totalCapped());
	}

	@PostMapping("/check-in-links")
	@PreAuthorize("hasAuthority('PERM_CHECK_IN_LINKS_MANAGE')")
	@Operation(summary = "Issue a person's check-in link", description = """
			201 with the link and its secret token (shown only in this answer). Any link the person had is revoked. \
			422 when expiresAt is past or more than 400 days ahead; 404 when the person does not exist, is inactive or \
			is outside the caller's scope.""")
	ResponseEntity<?> issue(@RequestBody IssueRequest request, Locale locale) {
		if (request == null || request.personId() == null) {
			return invalid(List.of(FieldProblem.of("personId", "health.person.required")), locale);
		}
		return issued(links.issue(CurrentUser.get(), request.personId(), instant(request.expiresAt()), Instant.now()),
				false, locale);
	}

	@PostMapping("/check-in-links/groups")
	@PreAuthorize("hasAuthority('PERM_CHECK_IN_LINKS_MANAGE')")
	@Operation(summary = "Issue check-in links for an org unit, place or grid", description = """
			One link for every active person of the org unit subtree, the place subtree (by residence) or the grid with \
			this code, within the caller's scope; links they had are revoked. 201 with every link and its token; 422 \
			for a missing kind or code, a bad expiry, or a group without people; 404 when the group does not exist or \
			is outside the scope.""")
	ResponseEntity<?> issueGroup(@RequestBody IssueGroupRequest request, Locale locale) {
		IssueGroupRequest r = request == null ? new IssueGroupRequest(null, null, null) : request;
		return issued(links.issueGroup(CurrentUser.get(), r.kind(), r.code(), instant(r.expiresAt()), Instant.now()), true,
				locale);
	}

	@PostMapping("/check-in-links/{id}/revoke")
	@PreAuthorize("hasAuthority('PERM_CHECK_IN_LINKS_MANAGE')")
	@Operation(summary = "Revoke a check-in link", description = """
			204 when revoked; 404 when the link does not exist, is outside the caller's scope or no longer works.""")
	ResponseEntity<?> revoke(@PathVariable long id) {
		return links.revoke(CurrentUser.get(), id, Instant.now()) ? ResponseEntity.noContent().build() : notFound();
	}

	@PostMapping("/proxy-reports")
	@Operation(summary = "Report for dependants", description = """
			The caller's own person (a household head, or a proxy named for each dependant) reports one check-in per \
			dependant, each judged like a self check-in. Valid items are saved and invalid ones answered with their \
			problems by field (not all-or-nothing); an item for someone the caller does not report for is NOT_FOUND, \
			exactly like a person who does not exist. The Idempotency-Key applies per person: a retry stores nothing \
			twice, and a corrected resubmission under the same key stores only what was not saved before. 422 for an \
			empty batch, more than 50 items or a person listed twice.""")
	ResponseEntity<?> proxyReport(@RequestBody ProxyReportRequest request,
			@Parameter(description = "a key per intended submission; a retry sends the same key")
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Locale locale) {
		CurrentUser user = CurrentUser.get();
		if (user.personId().isEmpty()) {
			return notFound();
		}
		List<ProxyReports.Item> items = (request == null || request.items() == null ? List.<ProxyItem>of() : request.items())
			.stream().map(i -> i == null ? new ProxyReports.Item(null, null, null, null, null, null)
					: new ProxyReports.Item(i.personId(), i.slotCode(), i.temperature(), i.symptoms(), i.onCampus(), i.city()))
			.toList();
		ProxyReports.Outcome outcome = reports.submit(user.schoolId(), user.personId().get(), user.id(), null, items,
				idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip(), Instant.now());
		if (outcome instanceof ProxyReports.Rejected rejected) {
			return invalid(rejected.problems(), locale);
		}
		ProxyReports.Done done = (ProxyReports.Done) outcome;
		return ResponseEntity.ok(done.items().stream().map(r -> new ProxyItemResult(r.index(), r.personId(), r.name(),
				r.status(), r.recorded() == null ? null : HealthApi.CheckInView.of(r.recorded()),
				problems(r.problems(), locale))).toList());
	}

	private ResponseEntity<?> issued(CheckInLinks.Outcome outcome, boolean group, Locale locale) {
		if (outcome instanceof CheckInLinks.IssuedAll all) {
			List<IssuedView> views = all.links().stream().map(IssuedView::of).toList();
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(group ? new IssuedGroupView(all.groupName(), views, all.truncated()) : views.get(0));
		}
		if (outcome instanceof CheckInLinks.Rejected rejected) {
			return invalid(rejected.problems(), locale);
		}
		return notFound();
	}

	private ResponseEntity<?> invalid(List<FieldProblem> problems, Locale locale) {
		return ResponseEntity.unprocessableContent().body(new HealthApi.Problems("invalid", problems(problems, locale)));
	}

	private List<HealthApi.Problems.Problem> problems(List<FieldProblem> problems, Locale locale) {
		return problems.stream().map(p -> new HealthApi.Problems.Problem(p.field(), p.code(),
				CheckInForms.message(p, messages, locale))).toList();
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new HealthApi.Problems("notFound", List.of()));
	}

	private static Instant instant(OffsetDateTime t) {
		return t == null ? null : t.toInstant();
	}
}
