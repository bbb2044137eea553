import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { metaJsonStringify } from '../../channels/meta/meta-json';
import { parseId } from '../../graphql/ids';
import { servePostPicture } from '../../http/avatars';
import { channels, comments, jobs, messages, webhookEvents } from '../../db/schema';
import type { InboxEventRecord } from '../../events/bus';
import type { BootedRuntime } from '../../runtime/boot';
import { startGraphRouter } from '../e2e/graph-router';
import { startFakeInstagramGraph, type FakeInstagramGraph } from '../fakes/instagram-graph';
import { fakeGraphErrors, startFakeMetaGraph, type FakeMetaGraph } from '../fakes/meta-graph';
import { builtinRoles, makeChannel, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { postMeta } from '../helpers/meta-webhook';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

const DAY = 24 * 3600_000;

const COMMENT_FIELDS = `id postId postUrl postExcerpt postThumbnailUrl text author editedAt removedAt parent { id text }
  canReplyPublicly publicReplyBlock canReplyPrivately privateReplyBlock
  replies { id text status error direction } privateReply { id status }`;

const CHAT_OF = `query($id: ID!) { node(id: $id) { ... on Chat { id unread lastInboundAt sendability { canSend block }
  messages(last: 50) { edges { node { id text direction status error comment { ${COMMENT_FIELDS} } replyTo { id } } } } } } }`;

describe.each(DRIVERS)('post comments in the chat feed (%s)', (driver) => {
  let rt: BootedRuntime;
  let graph: FakeMetaGraph;
  let ig: FakeInstagramGraph;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let router: Awaited<ReturnType<typeof startGraphRouter>>;
  let admin: Credentials;
  let pageChannelId: string;
  let igChannelId: string;
  let userSeq = 100;

  beforeAll(async () => {
    graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET });
    ig = await startFakeInstagramGraph({ appSecret: TEST_APP_SECRET, webhookAttempts: 1 });
    // one Graph host in production: here each token goes to its own fake
    const igTokens = () => new Set([ig.user.token, ig.user.longLivedToken, ...ig.pages.map((p) => p.token)]);
    router = await startGraphRouter({ byToken: (token) => (igTokens().has(token) ? ig.origin : undefined), login: ig.origin, fallback: graph.origin });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: `${router.origin}/v24.0`, MEDIA_HOSTS: '127.0.0.1' });
    hook = await serveMetaWebhook(rt.deps);
    graph.setWebhookUrl(hook.url);
    ig.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const page = await gql(rt, admin, 'mutation($id: String!, $t: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $t) { id } }', {
      id: graph.page.id,
      t: graph.page.token,
    });
    pageChannelId = page.data!.connectChannel.id;
    const insta = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: INSTAGRAM, externalId: "", name: "", accessToken: $t) { id } }', { t: ig.page.token });
    expect(insta.errors).toBeUndefined();
    igChannelId = insta.data!.connectChannel.id;
    // every test but the first expects comments to come in
    await setSwitch(pageChannelId, true);
    await setSwitch(igChannelId, true);
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await graph?.stop();
    await ig?.stop();
    await router?.stop();
  });

  const setSwitch = (channelId: string, enabled: boolean) =>
    gql(rt, admin, 'mutation($c: ID!, $e: Boolean!) { setChannelReceiveComments(channelId: $c, enabled: $e) { receiveComments } }', { c: channelId, e: enabled });

  const newUser = (name = 'Jane Doe') => ({ id: `2403285074631${++userSeq}`, name });

  async function chatOfAuthor(authorId: string) {
    const res = await gql(rt, admin, '{ chats(first: 100) { edges { node { id contact { externalId displayName username } } } } }');
    const edge = res.data!.chats.edges.find((e: any) => e.node.contact.externalId === authorId);
    if (!edge) return null;
    const chat = await gql(rt, admin, CHAT_OF, { id: edge.node.id });
    return { ...chat.data!.node, contact: edge.node.contact, items: chat.data!.node.messages.edges.map((e: any) => e.node) };
  }

  async function facebookComment(text: string, from = newUser(), spec: { parentId?: string; at?: number } = {}) {
    const comment = await graph.comments.customerComments(graph.page.id, { from, text, ...spec });
    await graph.idle();
    return comment;
  }

  const reply = (commentId: string, text: string, priv?: boolean) =>
    gql(rt, admin, 'mutation($c: ID!, $t: String!, $p: Boolean) { replyToComment(commentId: $c, text: $t, private: $p) { id status text replyTo { id } } }', {
      c: commentId,
      t: text,
      p: priv,
    });

  const commentNode = async (id: string) => (await gql(rt, admin, `query($id: ID!) { node(id: $id) { ... on Comment { ${COMMENT_FIELDS} } } }`, { id })).data!.node;

  describe('coming in', () => {
    it('with the switch off a comment is ignored and nothing is stored', async () => {
      await setSwitch(pageChannelId, false);
      try {
        const before = await rt.deps.db.select().from(webhookEvents);
        const stored = await rt.deps.db.select().from(comments);
        const from = newUser();
        await facebookComment('Is this still available?', from);
        expect(await chatOfAuthor(from.id)).toBeNull();
        expect(await rt.deps.db.select().from(comments)).toHaveLength(stored.length);
        expect(await rt.deps.db.select().from(webhookEvents)).toHaveLength(before.length);
      } finally {
        await setSwitch(pageChannelId, true);
      }
    });

    it("the page is subscribed to its feed on connect, and again when the switch is turned on", async () => {
      expect(graph.page.subscribedFields.has('feed')).toBe(true);
      await setSwitch(pageChannelId, false);
      graph.page.subscribedFields.delete('feed');
      expect((await setSwitch(pageChannelId, true)).data!.setChannelReceiveComments.receiveComments).toBe(true);
      expect(graph.page.subscribedFields.has('feed')).toBe(true);
    });

    it("with the switch on a comment arrives in its author's new chat, with its post, without opening the messaging window", async () => {
      const from = newUser('Jane Doe');
      const posted = await facebookComment('How much is the screen repair?', from);
      const chat = await chatOfAuthor(from.id);
      expect(chat).not.toBeNull();
      expect(chat!.contact.displayName).toBe('Jane Doe');
      expect(chat!.unread).toBe(true);
      expect(chat!.lastInboundAt).toBeNull();
      expect(chat!.sendability.canSend).toBe(false);
      const [item] = chat!.items;
      expect(item).toMatchObject({ direction: 'INBOUND', status: 'RECEIVED', text: 'How much is the screen repair?' });
      expect(item.comment).toMatchObject({
        postId: posted.postId,
        postUrl: graph.comments.posts.get(posted.postId)!.permalink,
        text: 'How much is the screen repair?',
        author: 'Jane Doe',
        parent: null,
        canReplyPublicly: true,
        canReplyPrivately: true,
      });
    });

    it('an edit updates the comment and a removal marks it removed, in place', async () => {
      const from = newUser();
      const posted = await facebookComment('Open on Sunday?', from);
      await graph.comments.customerEdits(posted.id, 'Open on Saturday?');
      await graph.idle();
      let [item] = (await chatOfAuthor(from.id))!.items;
      expect(item.text).toBe('Open on Saturday?');
      expect(item.comment).toMatchObject({ text: 'Open on Saturday?', editedAt: expect.any(String), removedAt: null });

      await graph.comments.removeComment(posted.id);
      await graph.idle();
      const chat = (await chatOfAuthor(from.id))!;
      expect(chat.items).toHaveLength(1);
      [item] = chat.items;
      expect(item.comment).toMatchObject({ removedAt: expect.any(String), canReplyPublicly: false, canReplyPrivately: false });
      expect(item.comment.publicReplyBlock).toMatch(/removed/);
    });

    it('a reply to a comment keeps its parent', async () => {
      const first = await facebookComment('Do you fix iPads?');
      const from = newUser('Max Muster');
      await facebookComment('Same question here', from, { parentId: first.id });
      const [item] = (await chatOfAuthor(from.id))!.items;
      expect(item.comment.parent).toMatchObject({ text: 'Do you fix iPads?' });
    });

    it("the Page's own comment is never stored as a customer's", async () => {
      const before = await rt.deps.db.select().from(comments);
      await graph.comments.customerComments(graph.page.id, { from: { id: graph.page.id, name: graph.page.name }, text: 'New opening hours!' });
      await graph.idle();
      expect(await rt.deps.db.select().from(comments)).toHaveLength(before.length);
      expect(await chatOfAuthor(graph.page.id)).toBeNull();
    });

    it('Instagram comments arrive from entry[].changes[] and flat entries, and an ad comment delivered twice is stored once', async () => {
      const igsid = `99000${++userSeq}`;
      const first = await ig.comments.customerComments(ig.instagram.id, { from: { id: igsid, username: 'jane.doe' }, text: 'Love it! price?' });
      await ig.comments.customerComments(ig.instagram.id, { from: { id: igsid, username: 'jane.doe' }, text: 'and in blue?', parentId: first.id, flat: true });
      const ad = ig.comments.addPost(ig.instagram.id, { ad: true });
      await ig.comments.customerComments(ig.instagram.id, { postId: ad.id, from: { id: igsid, username: 'jane.doe' }, text: 'Do you do iPads?' });
      await ig.idle();
      expect(ig.webhooks.filter((w) => !w.skipped)).toHaveLength(4);
      const chat = (await chatOfAuthor(igsid))!;
      expect(chat.contact.username).toBe('jane.doe');
      expect(chat.items.map((m: any) => m.text)).toEqual(['Love it! price?', 'and in blue?', 'Do you do iPads?']);
      expect(chat.items[1].comment.parent.text).toBe('Love it! price?');
    });

    it('an unsigned feed webhook is refused with 401 and a malformed one with 400, and nothing is stored', async () => {
      const before = (await rt.deps.db.select().from(comments)).length;
      const body = metaJsonStringify({
        object: 'page',
        entry: [{ id: graph.page.id, time: 1, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '1_2', post_id: `${graph.page.id}_1`, from: { id: '42', name: 'Forger' }, message: 'hi', created_time: 1 } }] }],
      });
      expect((await postMeta(rt.deps, body, null)).status).toBe(401);
      expect((await postMeta(rt.deps, body, 'sha256=00')).status).toBe(401);
      expect((await postMeta(rt.deps, '{"object":"page","entry":[')).status).toBe(400);
      expect((await postMeta(rt.deps, '{"object":"page","entry":"nope"}')).status).toBe(400);
      expect(await rt.deps.db.select().from(comments)).toHaveLength(before);
    });
  });

  describe('answering', () => {
    it("public replies go under the comment as often as needed, to the parent for a reply to a reply, and our reply coming back is not stored twice", async () => {
      const top = await facebookComment('Which colours do you have?');
      const from = newUser();
      const posted = await facebookComment('Also black?', from, { parentId: top.id });
      // the post's preview is read first: the two sends below are the only jobs of their drain
      await runJobs(rt);
      const [item] = (await chatOfAuthor(from.id))!.items;
      const first = await reply(item.comment.id, 'Black, white and blue.');
      expect(first.errors).toBeUndefined();
      expect(first.data!.replyToComment).toMatchObject({ status: 'PENDING', replyTo: { id: item.comment.id } });
      expect((await reply(item.comment.id, 'And red from Monday.')).errors).toBeUndefined();
      await runJobs(rt);
      await graph.idle();

      const ours = [...graph.comments.comments.values()].filter((c) => c.from.id === graph.page.id && c.parentId === top.id);
      expect(ours.map((c) => c.text)).toEqual(['Black, white and blue.', 'And red from Monday.']);
      const chat = (await chatOfAuthor(from.id))!;
      expect(chat.items.map((m: any) => [m.direction, m.status, m.text])).toEqual([
        ['INBOUND', 'RECEIVED', 'Also black?'],
        ['OUTBOUND', 'SENT', 'Black, white and blue.'],
        ['OUTBOUND', 'SENT', 'And red from Monday.'],
      ]);
      expect((await commentNode(item.comment.id)).replies.map((m: any) => m.text)).toEqual(['Black, white and blue.', 'And red from Monday.']);
      expect(posted.parentId).toBe(top.id);
    });

    it('a comment is answered privately once, a second private reply is refused with a sentence and nothing is sent, and the window stays closed', async () => {
      const from = newUser();
      await facebookComment('Can you call me?', from);
      const [item] = (await chatOfAuthor(from.id))!.items;
      expect((await reply(item.comment.id, 'We will write you right away.', true)).errors).toBeUndefined();
      await runJobs(rt);
      const fakeComment = [...graph.comments.comments.values()].find((c) => c.from.id === from.id)!;
      expect(fakeComment.privatelyRepliedAt).toBeDefined();
      const calls = graph.calls.length;

      const second = await reply(item.comment.id, 'Did you get our message?', true);
      expect(errorCode(second)).toBe('SEND_BLOCKED');
      expect(second.errors![0].message).toMatch(/already been answered privately/);
      expect(graph.calls.length).toBe(calls);

      const comment = await commentNode(item.comment.id);
      expect(comment).toMatchObject({ canReplyPrivately: false, canReplyPublicly: true, privateReply: { status: 'SENT' } });
      expect(comment.privateReplyBlock).toMatch(/only once/);
      const chat = (await chatOfAuthor(from.id))!;
      expect(chat.lastInboundAt).toBeNull();
      expect(chat.sendability.canSend).toBe(false);
    });

    it('a private reply the platform refuses (answered elsewhere: 10900) is FAILED with the reason in words', async () => {
      const from = newUser();
      await facebookComment('Price for a new battery?', from);
      const [item] = (await chatOfAuthor(from.id))!.items;
      // answered privately from Meta Business Suite in the meantime
      [...graph.comments.comments.values()].find((c) => c.from.id === from.id)!.privatelyRepliedAt = graph.clock.now();
      expect((await reply(item.comment.id, 'It is 49 EUR.', true)).errors).toBeUndefined();
      await runJobs(rt, { skipBackoff: true, rounds: 3 });
      const sent = (await chatOfAuthor(from.id))!.items[1];
      expect(sent.status).toBe('FAILED');
      expect(sent.error).toMatch(/private reply has already been sent/i);
    });

    it('a reply the platform refuses is FAILED with its reason, and Retry sends it again although the chat has no messaging window', async () => {
      const from = newUser();
      await facebookComment('Any discounts?', from);
      const [item] = (await chatOfAuthor(from.id))!.items;
      graph.failNext({ ...fakeGraphErrors.policyBlocked, match: { method: 'POST', path: /\/comments$/ } });
      expect((await reply(item.comment.id, '10% for students.')).errors).toBeUndefined();
      await runJobs(rt);
      let sent = (await chatOfAuthor(from.id))!.items[1];
      expect(sent).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/policy violation/) });
      const retried = await gql(rt, admin, 'mutation($m: ID!) { retryMessage(messageId: $m) { status } }', { m: sent.id });
      expect(retried.errors).toBeUndefined();
      await runJobs(rt);
      sent = (await chatOfAuthor(from.id))!.items[1];
      expect(sent.status).toBe('SENT');
      expect([...graph.comments.comments.values()].filter((c) => c.text === '10% for students.')).toHaveLength(1);
    });

    it('a private reply is only possible within 7 days of the comment', async () => {
      const from = newUser();
      await facebookComment('Still open?', from, { at: graph.clock.now() - 8 * DAY });
      const [item] = (await chatOfAuthor(from.id))!.items;
      expect(item.comment.canReplyPrivately).toBe(false);
      expect(item.comment.privateReplyBlock).toMatch(/within 7 days/);
      expect(errorCode(await reply(item.comment.id, 'Yes!', true))).toBe('SEND_BLOCKED');
      expect(item.comment.canReplyPublicly).toBe(true);
    });

    it('empty and over-long replies are BAD_USER_INPUT; a comment the viewer cannot see is NOT_FOUND; a role without Chats is FORBIDDEN; nothing is sent', async () => {
      const from = newUser();
      await facebookComment('Hello?', from);
      const [item] = (await chatOfAuthor(from.id))!.items;
      const calls = graph.calls.length;
      expect(errorCode(await reply(item.comment.id, '   '))).toBe('BAD_USER_INPUT');
      expect(errorCode(await reply(item.comment.id, 'x'.repeat(1001)))).toBe('BAD_USER_INPUT');

      // an operator whose role only reaches another channel
      const role = await makeRole(rt.deps, ['CHATS']);
      await makeChannel(rt.deps, { roleIds: [role.id] });
      const other = { cookie: (await makeEmployee(rt.deps, role.id)).cookie };
      const hidden = await gql(rt, other, 'mutation($c: ID!) { replyToComment(commentId: $c, text: "hi") { id } }', { c: item.comment.id });
      expect(errorCode(hidden)).toBe('NOT_FOUND');
      expect(errorCode(await gql(rt, other, 'mutation { replyToComment(commentId: "Q29tbWVudDpub3BlOg==", text: "hi") { id } }'))).toBe('NOT_FOUND');
      const settingsOnly = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['SETTINGS'])).id)).cookie };
      expect(errorCode(await gql(rt, settingsOnly, 'mutation($c: ID!) { replyToComment(commentId: $c, text: "hi") { id } }', { c: item.comment.id }))).toBe('FORBIDDEN');
      await runJobs(rt);
      expect(graph.calls.length).toBe(calls);
      const stored = await rt.deps.db.select().from(messages).where(eq(messages.text, 'hi'));
      expect(stored).toHaveLength(0);
    });

    it('a withdrawn permission (code 200) fails the reply, puts the channel in MISSING_PERMISSIONS naming the scope, and the comment says why', async () => {
      const from = newUser();
      await facebookComment('Do you sell cases?', from);
      const [item] = (await chatOfAuthor(from.id))!.items;
      graph.comments.withdrawScope(graph.page.id, 'pages_manage_engagement');
      try {
        expect((await reply(item.comment.id, 'Yes, from 15 EUR.')).errors).toBeUndefined();
        await runJobs(rt);
        const sent = (await chatOfAuthor(from.id))!.items[1];
        expect(sent.status).toBe('FAILED');
        const channel = (await gql(rt, admin, 'query($id: ID!) { node(id: $id) { ... on Channel { state lastError } } }', { id: pageChannelId })).data!.node;
        expect(channel.state).toBe('MISSING_PERMISSIONS');
        expect(channel.lastError).toMatch(/pages_manage_engagement/);
        const comment = await commentNode(item.comment.id);
        expect(comment.canReplyPublicly).toBe(false);
        expect(comment.publicReplyBlock).toMatch(/missing a permission/);
      } finally {
        graph.comments.grantScope(graph.page.id, 'pages_manage_engagement');
        await rt.deps.db.update(channels).set({ state: 'CONNECTED', lastError: null }).where(eq(channels.externalId, graph.page.id));
      }
    });

    it('on Instagram a public reply goes to /replies, and a withdrawn comments permission (code 10) is named', async () => {
      const igsid = `99000${++userSeq}`;
      await ig.comments.customerComments(ig.instagram.id, { from: { id: igsid, username: 'kai.k' }, text: 'Open today?' });
      await ig.idle();
      const [item] = (await chatOfAuthor(igsid))!.items;
      expect((await reply(item.comment.id, 'Until 6 pm!')).errors).toBeUndefined();
      await runJobs(rt);
      await ig.idle();
      expect([...ig.comments.comments.values()].filter((c) => c.from.id === ig.instagram.id).map((c) => c.text)).toContain('Until 6 pm!');
      expect((await chatOfAuthor(igsid))!.items.map((m: any) => m.status)).toEqual(['RECEIVED', 'SENT']);

      ig.comments.withdrawScope(ig.instagram.id, 'instagram_manage_comments');
      expect((await reply(item.comment.id, 'See you!')).errors).toBeUndefined();
      await runJobs(rt);
      const channel = (await gql(rt, admin, 'query($id: ID!) { node(id: $id) { ... on Channel { state lastError } } }', { id: igChannelId })).data!.node;
      expect(channel).toMatchObject({ state: 'MISSING_PERMISSIONS', lastError: expect.stringContaining('instagram_manage_comments') });
    });
  });

  describe('the post beside a comment', () => {
    const postReads = (calls: { method: string; path: string }[], postId: string) => calls.filter((c) => c.method === 'GET' && c.path === `/${postId}`).length;

    it("a comment shows its post's excerpt, picture and link once the platform was read, announced live as MessageUpdated", async () => {
      const text = 'Our new screen repair service is here: bring your phone in the morning and pick it up by lunch, with a one-year warranty on every part we fit. Book online.';
      const post = graph.comments.addPost(graph.page.id, { message: text });
      post.picture = `${graph.origin}/platform/postpic/?post=${post.id}`;
      const live: InboxEventRecord[] = [];
      const stop = rt.deps.bus.subscribe((e) => live.push(e));
      try {
        const from = newUser();
        await graph.comments.customerComments(graph.page.id, { postId: post.id, from, text: 'Do you fix iPhones too?' });
        await graph.idle();
        const [before] = (await chatOfAuthor(from.id))!.items;
        expect(before.comment).toMatchObject({ postExcerpt: null, postThumbnailUrl: null, postUrl: post.permalink });
        await runJobs(rt);
        const [item] = (await chatOfAuthor(from.id))!.items;
        expect(item.comment.postExcerpt).toMatch(/^Our new screen repair service is here: bring your phone in the morning .*…$/);
        expect([...item.comment.postExcerpt].length).toBeLessThanOrEqual(140);
        expect(item.comment).toMatchObject({ postUrl: post.permalink, text: 'Do you fix iPhones too?' });
        // the picture is our copy, served to those who may see the chat, never the platform's link
        const commentId = parseId(item.comment.id, 'Comment');
        expect(item.comment.postThumbnailUrl).toMatch(new RegExp(`^/api/post-pictures/${commentId}\\?v=[0-9a-f]{12}$`));
        const served = await servePostPicture(new Request(`http://x${item.comment.postThumbnailUrl}`, { headers: { cookie: admin.cookie! } }), rt.deps, commentId);
        expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
        expect((await servePostPicture(new Request(`http://x${item.comment.postThumbnailUrl}`), rt.deps, commentId)).status).toBe(401);
        await vi.waitFor(() => expect(live.some((e) => e.type === 'MessageUpdated' && e.messageId === parseId(item.id, 'Message'))).toBe(true));
        const read = graph.calls.find((c) => c.method === 'GET' && c.path === `/${post.id}`)!;
        expect(read.query.fields).toBe('message,full_picture,permalink_url');
      } finally {
        stop();
      }
    });

    it('two comments on one post read it from the platform once, and a later one shows it at once', async () => {
      const post = graph.comments.addPost(graph.page.id, { message: 'Closed on Monday.' });
      const calls = graph.calls.length;
      const [ann, bob, cid] = [newUser('Ann'), newUser('Bob'), newUser('Cid')];
      await graph.comments.customerComments(graph.page.id, { postId: post.id, from: ann, text: 'And Tuesday?' });
      await graph.comments.customerComments(graph.page.id, { postId: post.id, from: bob, text: 'Why?' });
      await graph.idle();
      await runJobs(rt);
      expect(postReads(graph.calls.slice(calls), post.id)).toBe(1);
      for (const who of [ann, bob]) expect((await chatOfAuthor(who.id))!.items[0].comment.postExcerpt).toBe('Closed on Monday.');
      await graph.comments.customerComments(graph.page.id, { postId: post.id, from: cid, text: 'Thanks' });
      await graph.idle();
      expect((await chatOfAuthor(cid.id))!.items[0].comment.postExcerpt).toBe('Closed on Monday.');
      await runJobs(rt);
      expect(postReads(graph.calls.slice(calls), post.id)).toBe(1);
    });

    it("an Instagram comment gets its post's caption, a video's thumbnail and the permalink its webhook lacks", async () => {
      const media = ig.comments.addPost(ig.instagram.id, { message: 'Before and after #repair', video: true });
      media.picture = `${ig.origin}/v/t51.2885-15/${media.id}_post.jpg`;
      const igsid = `99000${++userSeq}`;
      await ig.comments.customerComments(ig.instagram.id, { postId: media.id, from: { id: igsid, username: 'lea.l' }, text: 'Wow' });
      await ig.idle();
      expect((await chatOfAuthor(igsid))!.items[0].comment.postUrl).toBeNull();
      await runJobs(rt);
      expect((await chatOfAuthor(igsid))!.items[0].comment).toMatchObject({
        postExcerpt: 'Before and after #repair',
        postThumbnailUrl: expect.stringMatching(/^\/api\/post-pictures\//),
        postUrl: media.permalink,
      });
      const read = ig.calls.find((c) => c.method === 'GET' && c.path === `/${media.id}`)!;
      expect(read.query.fields).toBe('caption,media_url,thumbnail_url,permalink,media_type');
      // a video's picture is its thumbnail, not the video
      expect(ig.calls.some((c) => c.method === 'GET' && c.path.endsWith(`/${media.id}_post.jpg`))).toBe(true);
    });

    it('a post the platform refuses leaves the comment readable with its link only, and the job gives up at once', async () => {
      const post = graph.comments.addPost(graph.page.id, { message: 'Gone soon' });
      graph.comments.deletePost(post.id);
      const from = newUser();
      const calls = graph.calls.length;
      await graph.comments.customerComments(graph.page.id, { postId: post.id, from, text: 'Where did it go?' });
      await graph.idle();
      await runJobs(rt, { skipBackoff: true, rounds: 2 });
      expect(postReads(graph.calls.slice(calls), post.id)).toBe(1);
      const [item] = (await chatOfAuthor(from.id))!.items;
      expect(item).toMatchObject({ text: 'Where did it go?', status: 'RECEIVED' });
      expect(item.comment).toMatchObject({ postUrl: post.permalink, postExcerpt: null, postThumbnailUrl: null });
      const failed = (await rt.deps.db.select().from(jobs).where(eq(jobs.kind, 'fetch-post'))).filter((j) => (j.payload as { postId: string }).postId === post.id);
      expect(failed.map((j) => j.state)).toEqual(['FAILED']);
    });
  });
});
