package com.mustbeviral.content.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mustbeviral.content.Content;
import com.mustbeviral.content.Content.Engagement;
import com.mustbeviral.content.ethics.EthicsCheck;
import com.mustbeviral.content.ethics.EthicsVerdict;
import com.mustbeviral.content.ethics.EthicsVerdict.Outcome;
import com.mustbeviral.content.event.ContentEvents;
import com.mustbeviral.content.repository.ContentRepository;
import com.mustbeviral.content.repository.RevisionRepository;
import com.mustbeviral.content.repository.RevisionRepository.Revision;
import com.mustbeviral.content.repository.TagRepository;
import com.mustbeviral.content.usage.Feature;
import com.mustbeviral.content.usage.UsageMeter;
import com.mustbeviral.platform.problem.Refusal;
import com.mustbeviral.platform.sqlite.SharedTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The content lifecycle: create (manual or AI), read by who may see it, edit under optimistic
 * locking, soft delete, publish, schedule, archive, revisions. Every change is one transaction with
 * its revision, its tags and its events; every write of an existing row is a compare-and-set, so a
 * stale or concurrent write changes nothing.
 */
@ApplicationScoped
public class Contents {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // changed_fields of every first revision.
    private static final String CREATED = "[\"created\"]";

    private final ContentRepository contents;
    private final RevisionRepository revisions;
    private final TagRepository tags;
    private final EthicsCheck ethics;
    private final ContentEvents events;
    private final UsageMeter usage;
    private final SharedTransactions shared;
    private final ObjectMapper json;
    private final Clock clock;

    Contents(ContentRepository contents, RevisionRepository revisions, TagRepository tags, EthicsCheck ethics,
            ContentEvents events, UsageMeter usage, SharedTransactions shared, ObjectMapper json, Clock clock) {
        this.contents = contents;
        this.revisions = revisions;
        this.tags = tags;
        this.ethics = ethics;
        this.events = events;
        this.usage = usage;
        this.shared = shared;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A manual create: checked, then saved as a draft (pass) or sent to review; a failing text is refused.
     * The check, the ids and the JSON columns are made first, outside the transaction: SQLite has one
     * writer (the platform's {@code WriterQueue}), and a create held the write turn for all of it, so the
     * creates of the whole service queued behind one thread's ethics rules and Jackson (README, Decisions).
     * The insert shares its transaction with other requests' creates ({@link SharedTransactions}).
     */
    public Content create(Caller caller, Draft draft) throws SQLException {
        NewPiece piece = prepare(caller, draft, null);
        return shared.run(() -> insert(piece));
    }

    /**
     * A draft from AI output (for {@code POST /api/content/generate}): the same check and save as a
     * manual create, with {@code ai_generated} true and the provenance as {@code ai_metadata}. Joins the
     * caller's transaction (e.g. one that also meters the generation) or starts one. A caller that can
     * should {@link #prepare} before its transaction and {@link #insert} in it, as {@link #create} does.
     */
    @Transactional(rollbackOn = Exception.class)
    public Content createDraft(Caller caller, Draft draft, AiProvenance ai) throws SQLException {
        return insert(prepare(caller, draft, ai));
    }

    /**
     * A new piece checked and made ready to insert, without touching the database: everything of a
     * create that needs no write turn. Throws the refusals of the check (422) and of bad tags (400).
     */
    public NewPiece prepare(Caller caller, Draft draft, AiProvenance ai) {
        String author = caller.userId();
        long now = clock.millis();
        String id = UUID.randomUUID().toString();
        Map<String, String> tagSlugs = tagSlugs(draft.tags());
        // The slug a piece without one is given, unless it is taken (then -2, -3... in the transaction).
        Draft withSlug = draft.slug() != null ? draft : draft.withSlug(baseSlug(draft.title()));
        EthicsVerdict verdict = check(withSlug, ai != null, null);
        boolean review = verdict.outcome() == Outcome.REVIEW;
        Content c = new Content(id, author, author, withSlug, review ? "pending_review" : "draft", ai != null,
                ai == null ? null : write(ai), verdict.outcome().stored(), verdict.score(), write(verdict.flags()),
                write(verdict.thresholds()), null, review ? 1L : null, null, null, new Engagement(0, 0, 0, 0), 1, now,
                now, null);
        return new NewPiece(caller, c, draft.slug() != null, tagSlugs, write(withSlug),
                review ? verdict.codes() : null);
    }

    /**
     * Saves a prepared piece: its slug made unique (or refused when chosen and taken), the row, its
     * tags, its first revision and its events, in one transaction (joined when the caller has one).
     */
    @Transactional(rollbackOn = Exception.class)
    public Content insert(NewPiece piece) throws SQLException {
        Content c = piece.content();
        String snapshot = piece.snapshot();
        Draft draft = c.draft();
        String slug = freeSlug(c.workspaceId(), draft.slug(), piece.slugChosen(), c.id());
        if (!slug.equals(draft.slug())) {
            draft = draft.withSlug(slug);
            c = c.withDraft(draft);
            snapshot = write(draft);
        }
        long now = c.createdAt();
        contents.insert(c);
        tags.link(c.id(), piece.tagSlugs(), now);
        revisions.insert(new Revision(c.id(), 1, piece.caller().id(), CREATED, snapshot, now));
        events.created(c, piece.caller());
        if (piece.flags() != null) {
            events.flagged(c, piece.caller(), "ethics", piece.flags());
        }
        // A new piece's tags are the ones just linked, in slug order (as withTags reads them).
        return withTags(c, List.copyOf(new TreeSet<>(piece.tagSlugs().keySet())));
    }

    /**
     * A created piece before its transaction: {@code flags} are the review flags (null when it passed),
     * {@code snapshot} its first revision's JSON for the slug it has (made again if that slug is taken).
     */
    public record NewPiece(Caller caller, Content content, boolean slugChosen, Map<String, String> tagSlugs,
            String snapshot, List<String> flags) {
    }

    /** A piece as {@code caller} (null: an anonymous reader) may see it; 404 otherwise, never telling why. */
    public Content get(Caller caller, String id) throws SQLException {
        Content c = contents.find(id).filter(found -> !found.deleted()).orElseThrow(Contents::notFound);
        if (!mayRead(caller, c)) {
            throw notFound();
        }
        return withTags(c);
    }

    /** A piece by its author's slug: published and public or unlisted, or any status to its author and staff. */
    public Content getBySlug(Caller caller, String authorId, String slug) throws SQLException {
        Content c = contents.findBySlug(authorId, slug).orElseThrow(Contents::notFound);
        if (!mayRead(caller, c)) {
            throw notFound();
        }
        return withTags(c);
    }

    private static boolean mayRead(Caller caller, Content c) {
        if (caller != null && (caller.privileged() || (caller.actsForUser() && caller.id().equals(c.authorId())))) {
            return true;
        }
        // Unlisted content is readable by its link (id or slug), never listed.
        return "published".equals(c.status()) && !"private".equals(c.draft().visibility());
    }

    /** The public feed (or one author's public page): published public content, newest first. */
    public List<Content> published(String authorId, Cursor after, int limit) throws SQLException {
        Cursor from = after == null ? Cursor.FIRST_DESCENDING : after;
        return withTags(contents.published(authorId, from.at(), from.id(), limit));
    }

    /** The caller's own content, every status, newest first. */
    public List<Content> mine(Caller caller, Cursor after, int limit) throws SQLException {
        Cursor from = after == null ? Cursor.FIRST_DESCENDING : after;
        return withTags(contents.ofAuthor(caller.userId(), from.at(), from.id(), limit));
    }

    /** Replaces the editable state, if the piece is still at {@code expectedVersion}. */
    @Transactional(rollbackOn = Exception.class)
    public Content replace(Caller caller, String id, long expectedVersion, Draft draft) throws SQLException {
        Content current = writable(caller, id, expectedVersion);
        return save(caller, current, draft, null);
    }

    /** The current editable state of a piece the caller may change, for a merge patch (checked against If-Match later). */
    public Draft editable(Caller caller, String id) throws SQLException {
        Content c = contents.find(id).filter(found -> !found.deleted()).orElseThrow(Contents::notFound);
        mayWrite(caller, c);
        return withTags(c).draft();
    }

    private Content save(Caller caller, Content current, Draft draft, Long restoredFrom) throws SQLException {
        long now = clock.millis();
        Draft withSlug = withSlug(draft, current.workspaceId(), current.id());
        Map<String, String> tagSlugs = tagSlugs(withSlug.tags());
        EthicsVerdict verdict = check(withSlug, current.aiGenerated(), current.approvedDigest());
        Draft before = withTags(current).draft();
        List<String> changed = changedFields(before, withSlug);
        if (restoredFrom != null) {
            changed.add(0, "restored_from:" + restoredFrom);
        }
        boolean review = verdict.outcome() == Outcome.REVIEW;
        String status = current.status();
        Long flaggedVersion = current.flaggedVersion();
        if (review) {
            // Flagged (again): the moderator judges this version.
            status = "pending_review";
            flaggedVersion = current.version() + 1;
        } else if (status.equals("rejected")) {
            // The author edited rejected content, and the edit passes the check: back to draft (resubmitted).
            status = "draft";
            flaggedVersion = null;
        }
        // An edit that passes while the piece waits for review leaves it waiting: the moderator still
        // judges the flagged version, and an edit cannot take a piece out of the queue.
        Content next = current.withDraft(withSlug)
                .withEthics(verdict.outcome().stored(), verdict.score(), write(verdict.flags()), write(verdict.thresholds()))
                .withStatus(status, flaggedVersion).next(now, null);
        if (!contents.compareAndSet(next)) {
            throw stale(current.id());
        }
        tags.replace(current.id(), tagSlugs, next.countsForTags(), now);
        revisions.insert(new Revision(current.id(), next.version(), caller.id(), write(changed), write(withSlug), now));
        events.updated(next, caller, changed);
        if (review) {
            events.flagged(next, caller, "ethics", verdict.codes());
        }
        return withTags(next);
    }

    /** Soft delete: the row stays (revisions, review history), readers and lists no longer see it. */
    @Transactional(rollbackOn = Exception.class)
    public void delete(Caller caller, String id, long expectedVersion) throws SQLException {
        Content current = writable(caller, id, expectedVersion);
        Content next = current.next(clock.millis(), clock.millis());
        if (!contents.compareAndSet(next)) {
            throw stale(id);
        }
        tags.countsChanged(current, next);
        events.updated(next, caller, List.of("deleted"));
    }

    /**
     * draft → published, now. Counts one publication against the author's plan in this transaction
     * (whoever publishes, the piece is the author's): over the limit a 402 rolls the change back, and a
     * publication that fails after the count takes the count with it.
     */
    @Transactional(rollbackOn = Exception.class)
    public Content publish(Caller caller, String id, Long expectedVersion) throws SQLException {
        Content current = transition(caller, id, expectedVersion, ContentStatus.PUBLISHED);
        if ("scheduled".equals(current.status())) {
            // scheduled → published belongs to the scheduler, at the scheduled time.
            throw new Refusal(ContentRefusal.ILLEGAL_TRANSITION, "Scheduled content is published by the scheduler at its time.")
                    .with("content_status", current.status()).with("target_status", "published");
        }
        usage.countNow(UUID.fromString(current.authorId()), Feature.PUBLISHES);
        long now = clock.millis();
        Content next = current.withStatus("published", current.flaggedVersion()).withSchedule(null, now).next(now, null);
        if (!contents.compareAndSet(next)) {
            throw stale(id);
        }
        tags.countsChanged(current, next);
        events.updated(next, caller, List.of("status"));
        events.published(next, tags.slugsOf(id), false);
        return withTags(next);
    }

    /**
     * draft → scheduled for {@code at}, which must be in the future. The publication is counted now,
     * against the author's plan (README, decisions): a limit refuses the schedule while the author is
     * there to see it, and the scheduler never fails on a limit later.
     */
    @Transactional(rollbackOn = Exception.class)
    public Content schedule(Caller caller, String id, Long expectedVersion, Instant at) throws SQLException {
        Content current = transition(caller, id, expectedVersion, ContentStatus.SCHEDULED);
        long now = clock.millis();
        if (at.toEpochMilli() <= now) {
            throw new Refusal(ContentRefusal.SCHEDULE_IN_THE_PAST, "The publication time must be in the future.")
                    .with("publish_at", at.toString()).with("now", Instant.ofEpochMilli(now).toString());
        }
        usage.countNow(UUID.fromString(current.authorId()), Feature.PUBLISHES);
        Content next = current.withStatus("scheduled", current.flaggedVersion()).withSchedule(at.toEpochMilli(), null)
                .next(now, null);
        if (!contents.compareAndSet(next)) {
            throw stale(id);
        }
        events.scheduled(next, caller);
        return withTags(next);
    }

    /** published → archived. */
    @Transactional(rollbackOn = Exception.class)
    public Content archive(Caller caller, String id, Long expectedVersion) throws SQLException {
        Content current = transition(caller, id, expectedVersion, ContentStatus.ARCHIVED);
        Content next = current.withStatus("archived", current.flaggedVersion()).next(clock.millis(), null);
        if (!contents.compareAndSet(next)) {
            throw stale(id);
        }
        tags.countsChanged(current, next);
        events.archived(next, caller);
        return withTags(next);
    }

    /**
     * scheduled → published for one due piece, in a transaction of its own with its event: the
     * compare-and-set on status lets exactly one of several concurrent runs publish it, and a crash
     * before the commit leaves it scheduled (and without event) for the next run.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public boolean publishIfDue(String id) throws SQLException {
        long now = clock.millis();
        if (!contents.publishIfDue(id, now)) {
            return false;
        }
        Content published = contents.find(id).orElseThrow();
        // scheduled did not count in its tags' usage; published (and not deleted, by the update) does.
        tags.shift(id, 1);
        events.published(published, tags.slugsOf(id), true);
        return true;
    }

    /** Revisions of a piece the caller may change (or staff), newest first. */
    public List<Revision> revisions(Caller caller, String id, Long beforeVersion, int limit) throws SQLException {
        Content c = contents.find(id).filter(found -> !found.deleted()).orElseThrow(Contents::notFound);
        if (!caller.privileged()) {
            mayWrite(caller, c);
        }
        return revisions.list(id, beforeVersion == null ? Long.MAX_VALUE : beforeVersion, limit);
    }

    /** Saves revision {@code version}'s state as a new version (checked like any edit). */
    @Transactional(rollbackOn = Exception.class)
    public Content restore(Caller caller, String id, long expectedVersion, long version) throws SQLException {
        Content current = writable(caller, id, expectedVersion);
        Revision revision = revisions.find(id, version).orElseThrow(() -> new Refusal(ContentRefusal.REVISION_NOT_FOUND,
                "This content has no revision " + version + "."));
        return save(caller, current, snapshot(revision), version);
    }

    /** The state a revision holds. */
    public Draft snapshot(Revision revision) {
        try {
            return json.readValue(revision.snapshot(), Draft.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable snapshot of " + revision.contentId(), e);
        }
    }

    private Content transition(Caller caller, String id, Long expectedVersion, ContentStatus to) throws SQLException {
        Content current = contents.find(id).filter(found -> !found.deleted()).orElseThrow(Contents::notFound);
        mayWrite(caller, current);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw stale(id).with("current_version", current.version());
        }
        ContentStatus.of(current.status()).checkTransition(to);
        return current;
    }

    private Content writable(Caller caller, String id, long expectedVersion) throws SQLException {
        Content current = contents.find(id).filter(found -> !found.deleted()).orElseThrow(Contents::notFound);
        mayWrite(caller, current);
        if (current.version() != expectedVersion) {
            throw stale(id).with("current_version", current.version());
        }
        return current;
    }

    /** Authors change their own; admins anyone's. Others get 404, or 403 for a piece they can read anyway. */
    private static void mayWrite(Caller caller, Content c) {
        if (caller.admin() || (caller.actsForUser() && caller.id().equals(c.authorId()))) {
            return;
        }
        if (mayRead(caller, c)) {
            throw new Refusal(ContentRefusal.NOT_ALLOWED, "Only the author or an admin may change this content.");
        }
        throw notFound();
    }

    private EthicsVerdict check(Draft draft, boolean aiGenerated, String approvedDigest) {
        boolean disclosed = Boolean.TRUE.equals(draft.metadata().get("ai_disclosure"));
        EthicsVerdict verdict = ethics.check(draft.title(), draft.body(), aiGenerated, disclosed);
        if (verdict.outcome() == Outcome.FAIL) {
            List<Map<String, Object>> flags = verdict.flags().stream()
                    .map(f -> Map.<String, Object>of("code", f.code(), "score", f.score(), "detail", f.detail())).toList();
            throw new Refusal(ContentRefusal.ETHICS_FAILED, "The text did not pass the ethics and quality check; nothing was saved.")
                    .with("ethics_score", verdict.score()).with("flags", flags);
        }
        if (verdict.outcome() == Outcome.REVIEW && digest(draft).equals(approvedDigest)) {
            // A moderator approved this very text: the approval sticks, a false positive never comes back.
            return new EthicsVerdict(Outcome.PASS, verdict.score(), verdict.flags(), verdict.thresholds());
        }
        return verdict;
    }

    /** SHA-256 of the title and body, what a moderator's approval is about. */
    public static String digest(Draft draft) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((draft.title() + "\u0000" + draft.body()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slug given (refused when the author has it already) or one derived from the title (made unique). */
    private Draft withSlug(Draft draft, String workspaceId, String contentId) throws SQLException {
        String slug = draft.slug() != null ? draft.slug() : baseSlug(draft.title());
        String free = freeSlug(workspaceId, slug, draft.slug() != null, contentId);
        return free.equals(draft.slug()) ? draft : draft.withSlug(free);
    }

    /** The slug derived from a title (diacritics folded), "content" for a title without letters or digits. */
    private static String baseSlug(String title) {
        String base = Slugs.of(title);
        return base.isEmpty() ? "content" : base;
    }

    /**
     * {@code slug} when no other undeleted piece of the workspace has it; else, for a chosen slug, a
     * refusal, and for a derived one the first free of {@code slug-2}, {@code slug-3}...
     */
    private String freeSlug(String workspaceId, String slug, boolean chosen, String contentId) throws SQLException {
        if (chosen) {
            if (contents.slugTaken(workspaceId, slug, contentId)) {
                throw new Refusal(ContentRefusal.SLUG_TAKEN, "You already have content with the slug " + slug + ".")
                        .with("slug", slug);
            }
            return slug;
        }
        String candidate = slug;
        for (int n = 2; contents.slugTaken(workspaceId, candidate, contentId); n++) {
            candidate = slug + "-" + n;
        }
        return candidate;
    }

    private static Map<String, String> tagSlugs(List<String> names) {
        Map<String, String> slugs = new LinkedHashMap<>();
        for (String name : names) {
            String slug = Slugs.of(name);
            if (slug.isEmpty()) {
                throw new Refusal(ContentRefusal.INVALID_CONTENT, "The tag '" + name + "' has no letters or digits.");
            }
            slugs.putIfAbsent(slug, WHITESPACE.matcher(name.trim()).replaceAll(" "));
        }
        return slugs;
    }

    private List<String> changedFields(Draft before, Draft after) {
        JsonNode a = json.valueToTree(before);
        JsonNode b = json.valueToTree(after);
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = b.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (name.equals("tags") ? !new TreeSet<>(before.tags().stream().map(Slugs::of).toList())
                    .equals(new TreeSet<>(after.tags().stream().map(Slugs::of).toList())) : !b.get(name).equals(a.get(name))) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    private Content withTags(Content c) throws SQLException {
        return withTags(c, tags.slugsOf(c.id()));
    }

    /** A page's tags in one query, not one per piece. */
    private List<Content> withTags(List<Content> page) throws SQLException {
        Map<String, List<String>> slugs = tags.slugsOf(page.stream().map(Content::id).toList());
        return page.stream().map(c -> withTags(c, slugs.getOrDefault(c.id(), List.of()))).toList();
    }

    private static Content withTags(Content c, List<String> slugs) {
        Draft d = c.draft();
        return c.withDraft(new Draft(d.type(), d.format(), d.visibility(), d.title(), d.body(), d.slug(), d.seoTitle(),
                d.seoDescription(), d.canonicalUrl(), d.socialImage(), d.metadata(), d.mediaIds(), slugs));
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Refusal notFound() {
        return new Refusal(ContentRefusal.NOT_FOUND, "No such content.");
    }

    static Refusal stale(String id) {
        return new Refusal(ContentRefusal.STALE_VERSION,
                "The content changed since you read it; read it again and apply your change to the current version.");
    }

    /** Finds a piece for staff (moderation), deleted or not. */
    Optional<Content> find(String id) throws SQLException {
        return contents.find(id);
    }
}
