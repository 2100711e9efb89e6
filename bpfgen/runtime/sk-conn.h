/* sk-conn.h -- connections, replies and order of a generated TCP
   program.

   Part of the text the offload plugin puts in front of every generated
   TCP program (bpfgen/sk-skb.cc); not a public header.  This text needs
   sk-stream.h and xdp-memory.h.

   The verdict program (SEC ("sk_skb"), attached as BPF_SK_SKB_VERDICT to
   the sockhash offload_sockets) sees each chunk of bytes that arrives on
   an accepted connection.  When it answers a chunk, it cannot send the
   reply itself: changing the skb's length and redirecting it corrupts
   the socket's receive accounting on this kernel.  So it keeps the
   skb as it is, queues the reply in offload_replies, and redirects the
   skb to the same socket's egress (flags 0); the send goes through the
   socket's sk_msg program, offload_sk_msg, which recognises it as the
   next queued reply and rewrites the bytes into the reply with
   msg_push_data/msg_pop_data.

   Connections are keyed by their socket cookie; libsplit adds them
   after accept and removes them at close.  An sk_msg program may not
   ask for the cookie, so the verdict also files the cookie under the
   connection's addresses and ports (offload_tuples), which both
   programs read from their contexts alike.  offload_conns holds what the
   kernel writes, offload_conn_user what userspace writes (each side
   replaces nothing the other writes).

   Order (the contract's rule 2 on TCP): once a chunk goes up, the
   connection's later chunks go up too until userspace has handled
   everything the kernel passed: when the program comes back to its wait
   call, libsplit sets ANSWERED to the bytes it has read (less those
   that arrived before the connection joined the sockhash), and the
   verdict answers only while ANSWERED equals PASSED.
   Replies do not overtake each other either: userspace's writes wait
   while kernel replies are queued (SENT behind QUEUED).  */

#ifndef OFFLOAD_SK_CONN_H
#define OFFLOAD_SK_CONN_H

#define OFFLOAD_MAX_CONNS 4096

/* What the kernel writes about a connection: the verdict PASSED and
   QUEUED, the sk_msg program SENT.  Each field has one writer, which
   the socket's lock serializes.  */
struct offload_conn
{
  __u64 passed;			/* Bytes passed up to the socket.  */
  __u64 queued;			/* Replies queued by the verdict.  */
  __u64 sent;			/* Replies rewritten by the sk_msg program.  */
  __u64 mismatched;		/* Sends the sk_msg program could not match.  */
};

/* What userspace writes about a connection.  */
struct offload_conn_user
{
  __u64 fd;			/* The program's descriptor.  */
  __u64 answered;		/* Bytes of PASSED the program has handled,
				   as of its last wait; ~0 until known.  */
};

/* A connection as both contexts describe it.  */
struct offload_tuple
{
  __u32 family;
  __u32 remote_ip4;
  __u32 local_ip4;
  __u32 remote_ip6[4];
  __u32 local_ip6[4];
  __u32 remote_port;
  __u32 local_port;
};

/* Context fields are read 4 bytes at a time: the verifier refuses
   wider loads, which the optimizer would otherwise merge them into.  */
#define OFFLOAD_CTX_U32(ctx, field) (*(volatile __u32 *) &(ctx)->field)

#define OFFLOAD_TUPLE_OF(t, ctx)					\
  do									\
    {									\
      (t)->family = OFFLOAD_CTX_U32 (ctx, family);                     \
      (t)->remote_ip4 = OFFLOAD_CTX_U32 (ctx, remote_ip4);             \
      (t)->local_ip4 = OFFLOAD_CTX_U32 (ctx, local_ip4);               \
      (t)->remote_ip6[0] = OFFLOAD_CTX_U32 (ctx, remote_ip6[0]);       \
      (t)->remote_ip6[1] = OFFLOAD_CTX_U32 (ctx, remote_ip6[1]);       \
      (t)->remote_ip6[2] = OFFLOAD_CTX_U32 (ctx, remote_ip6[2]);       \
      (t)->remote_ip6[3] = OFFLOAD_CTX_U32 (ctx, remote_ip6[3]);       \
      (t)->local_ip6[0] = OFFLOAD_CTX_U32 (ctx, local_ip6[0]);         \
      (t)->local_ip6[1] = OFFLOAD_CTX_U32 (ctx, local_ip6[1]);         \
      (t)->local_ip6[2] = OFFLOAD_CTX_U32 (ctx, local_ip6[2]);         \
      (t)->local_ip6[3] = OFFLOAD_CTX_U32 (ctx, local_ip6[3]);         \
      (t)->remote_port = OFFLOAD_CTX_U32 (ctx, remote_port);           \
      (t)->local_port = OFFLOAD_CTX_U32 (ctx, local_port);             \
    }									\
  while (0)

struct offload_reply_key
{
  __u64 cookie;
  __u64 seq;
};

struct offload_reply
{
  __u32 len;			/* Reply bytes.  */
  __u32 request_len;		/* Bytes of the chunk it answers.  */
  __u8 data[OFFLOAD_MAX_COPY];
};

struct
{
  __uint (type, BPF_MAP_TYPE_SOCKHASH);
  __uint (max_entries, OFFLOAD_MAX_CONNS);
  __type (key, __u64);
  __type (value, __u64);
} offload_sockets SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, OFFLOAD_MAX_CONNS);
  __type (key, __u64);
  __type (value, struct offload_conn);
} offload_conns SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, OFFLOAD_MAX_CONNS);
  __type (key, __u64);
  __type (value, struct offload_conn_user);
} offload_conn_user SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, OFFLOAD_MAX_CONNS);
  __type (key, struct offload_reply_key);
  __type (value, struct offload_reply);
} offload_replies SEC (".maps");

/* Cookies by connection, for the sk_msg program.  LRU: a closed
   connection's entry goes when room is needed.  */
struct
{
  __uint (type, BPF_MAP_TYPE_LRU_HASH);
  __uint (max_entries, OFFLOAD_MAX_CONNS);
  __type (key, struct offload_tuple);
  __type (value, __u64);
} offload_tuples SEC (".maps");

/* The reply being built, per CPU.  */
struct
{
  __uint (type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint (max_entries, 1);
  __type (key, __u32);
  __type (value, struct offload_reply);
} offload_stage SEC (".maps");

/* Stage the reply of send (BUF, LEN, FLAGS) or write (BUF, LEN) on the
   request's connection: 0, or -1 when the kernel cannot send it (a
   second reply, unknown flags, empty or too long).  */
static __attribute__ ((noinline)) int
offload_send_stream (struct offload_ctx *c, __u64 buf, __u64 len,
		     __u64 flags)
{
  __u32 zero = 0;

  if (c->replied
      || (flags & ~(__u64) (OFFLOAD_MSG_DONTWAIT | OFFLOAD_MSG_NOSIGNAL)))
    return -1;
  len = offload_launder (c, len);
  if (len == 0 || len > OFFLOAD_MAX_COPY)
    return -1;
  struct offload_reply *r = bpf_map_lookup_elem (&offload_stage, &zero);
  if (!r)
    return -1;
  __u8 *p = offload_read (c, buf, len);
  if (!p || offload_copy (c, r->data, p, len))
    return -1;
  r->len = len;
  c->reply_len = len;
  c->replied = 1;
  return 0;
}

/* Queue the staged reply of C as reply number SEQ of connection COOKIE
   (the socket of SKB), answering a chunk of REQUEST_LEN bytes.  Return
   0, or -1.  */
static __always_inline int
offload_queue_reply (struct __sk_buff *skb, __u64 cookie, __u64 seq,
		     __u32 request_len)
{
  __u32 zero = 0;
  struct offload_reply_key key = { cookie, seq };
  struct offload_reply *r = bpf_map_lookup_elem (&offload_stage, &zero);
  struct offload_tuple t;

  if (!r)
    return -1;
  OFFLOAD_TUPLE_OF (&t, skb);
  __u64 *known = bpf_map_lookup_elem (&offload_tuples, &t);
  if ((!known || *known != cookie)
      && bpf_map_update_elem (&offload_tuples, &t, &cookie, BPF_ANY))
    return -1;
  r->request_len = request_len;
  return bpf_map_update_elem (&offload_replies, &key, r, BPF_ANY) ? -1 : 0;
}

/* The sk_msg program: a send on a connection whose replies the verdict
   queued is the next of them (userspace does not write while replies
   are queued); its bytes, still the request's, become the reply.  Other
   sends pass as they are.  */
SEC ("sk_msg") int
offload_sk_msg (struct sk_msg_md *msg)
{
  struct offload_tuple t;
  OFFLOAD_TUPLE_OF (&t, msg);
  __u64 *known = bpf_map_lookup_elem (&offload_tuples, &t);
  if (!known)
    return SK_PASS;
  __u64 cookie = *known;
  struct offload_conn *conn = bpf_map_lookup_elem (&offload_conns, &cookie);

  if (!conn || conn->sent == conn->queued)
    return SK_PASS;
  struct offload_reply_key key = { cookie, conn->sent };
  struct offload_reply *r = bpf_map_lookup_elem (&offload_replies, &key);
  if (!r)
    return SK_PASS;
  __u64 size = OFFLOAD_CTX_U32 (msg, size), len = r->len;
  offload_opaque (len);
  if (size != r->request_len || len == 0 || len > OFFLOAD_MAX_COPY)
    {
      conn->mismatched += 1;
      return SK_PASS;
    }
  if (len > size)
    {
      if (bpf_msg_push_data (msg, 0, len - size, 0))
	return SK_DROP;
    }
  else if (len < size)
    {
      if (bpf_msg_pop_data (msg, 0, size - len, 0))
	return SK_DROP;
    }
  if (offload_msg_pull_data (msg, 0, len, 0))
    return SK_DROP;
  __u8 *data = msg->data;
  __u8 *end = msg->data_end;
  for (__u32 i = 0; i < OFFLOAD_MAX_COPY; i++)
    {
      if (i >= len)
	break;
      if (data + i + 1 > end)
	return SK_DROP;
      data[i] = r->data[i];
    }
  bpf_map_delete_elem (&offload_replies, &key);
  conn->sent += 1;
  return SK_PASS;
}

#endif /* OFFLOAD_SK_CONN_H */
