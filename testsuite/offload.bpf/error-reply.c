/* error-reply: a UDP server for a small binary protocol in which every
   kind of malformed request gets its own error reply.

   A message is a 12-byte header followed by LENGTH payload bytes; all
   fields are in network byte order:
     magic    4 bytes   0x4f464c44 ("OFLD")
     version  1 byte    1
     code     1 byte    request: the opcode; reply: the status
     length   2 bytes   payload bytes after the header
     id       4 bytes   request id, echoed in the reply
   Opcodes:
     1 ECHO   reply payload = request payload (up to 500 bytes)
     2 SUM    payload: N 32-bit integers; reply: their 32-bit sum
     3 ADD    payload: one 32-bit integer, added to the server's
	      accumulator; reply: the new accumulator
     4 READ   empty payload; reply: the accumulator and the number of
	      requests answered with status OK before this one
   Statuses: 0 OK, 1 bad magic, 2 bad version, 3 bad length (LENGTH
   disagrees with the datagram, or with what the opcode takes), 4 unknown
   opcode.  An error reply is a header with an empty payload.  Datagrams
   shorter than a header are dropped without a reply.  On exit the server
   prints the accumulator and its per-status counters.

   Usage: error-reply PORT  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { scan-offload-report-not {"verdict": "infeasible"} } } */
/* { dg-final { scan-offload-report-value paths.*.end drop } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19104 } } */


#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MSG_MAGIC 0x4f464c44u
#define MSG_VERSION 1
#define HEADER_SIZE 12
#define BUF_SIZE 512

enum opcode { OP_ECHO = 1, OP_SUM = 2, OP_ADD = 3, OP_READ = 4 };

enum status
{
  ST_OK = 0,
  ST_BAD_MAGIC = 1,
  ST_BAD_VERSION = 2,
  ST_BAD_LENGTH = 3,
  ST_BAD_OPCODE = 4,
  N_STATUS
};

static const char *const status_names[N_STATUS] = {
  "ok", "bad_magic", "bad_version", "bad_length", "bad_opcode"
};

/* The header as it is on the wire; 12 bytes, no padding.  */
struct msg_header
{
  uint32_t magic;
  uint8_t version;
  uint8_t code;
  uint16_t length;
  uint32_t id;
};

/* Server state, printed on exit.  */
static uint32_t accumulator;
static unsigned long status_count[N_STATUS];
static unsigned long short_dropped;

static volatile sig_atomic_t stop_requested;

static void
on_signal (int sig)
{
  (void) sig;
  stop_requested = 1;
}

/* Return the port number in ARG, or -1 if ARG is not a valid port.  */
static int
parse_port (const char *arg)
{
  char *end;
  errno = 0;
  long port = strtol (arg, &end, 10);
  if (errno != 0 || end == arg || *end != '\0' || port < 1 || port > 65535)
    return -1;
  return (int) port;
}

static uint32_t
get_be32 (const unsigned char *p)
{
  uint32_t v;
  memcpy (&v, p, sizeof v);
  return ntohl (v);
}

static void
put_be32 (unsigned char *p, uint32_t v)
{
  v = htonl (v);
  memcpy (p, &v, sizeof v);
}

/* Read the header at the start of BUF (at least HEADER_SIZE bytes) into
   H, in host byte order.  */
static void
read_header (const unsigned char *buf, struct msg_header *h)
{
  memcpy (h, buf, HEADER_SIZE);
  h->magic = ntohl (h->magic);
  h->length = ntohs (h->length);
  h->id = ntohl (h->id);
}

/* Write a reply header with status CODE, PAYLOAD_LEN and ID to OUT.  */
static void
write_header (unsigned char *out, enum status code, uint16_t payload_len,
	      uint32_t id)
{
  struct msg_header h;
  h.magic = htonl (MSG_MAGIC);
  h.version = MSG_VERSION;
  h.code = (uint8_t) code;
  h.length = htons (payload_len);
  h.id = htonl (id);
  memcpy (out, &h, HEADER_SIZE);
}

/* Check the header H of a datagram of N bytes; return ST_OK or the
   error status.  */
static enum status
check_header (const struct msg_header *h, size_t n)
{
  if (h->magic != MSG_MAGIC)
    return ST_BAD_MAGIC;
  if (h->version != MSG_VERSION)
    return ST_BAD_VERSION;
  if (h->length != n - HEADER_SIZE)
    return ST_BAD_LENGTH;
  switch (h->code)
    {
    case OP_ECHO:
      return ST_OK;
    case OP_SUM:
      return h->length % 4 == 0 ? ST_OK : ST_BAD_LENGTH;
    case OP_ADD:
      return h->length == 4 ? ST_OK : ST_BAD_LENGTH;
    case OP_READ:
      return h->length == 0 ? ST_OK : ST_BAD_LENGTH;
    default:
      return ST_BAD_OPCODE;
    }
}

/* Carry out the request H whose payload is at PAYLOAD and write the reply
   payload to OUT; return its length.  H has passed check_header.  */
static size_t
execute (const struct msg_header *h, const unsigned char *payload,
	 unsigned char *out)
{
  switch (h->code)
    {
    case OP_ECHO:
      memcpy (out, payload, h->length);
      return h->length;
    case OP_SUM:
      {
	uint32_t sum = 0;
	for (size_t i = 0; i < h->length; i += 4)
	  sum += get_be32 (payload + i);
	put_be32 (out, sum);
	return 4;
      }
    case OP_ADD:
      accumulator += get_be32 (payload);
      put_be32 (out, accumulator);
      return 4;
    case OP_READ:
    default:
      put_be32 (out, accumulator);
      put_be32 (out + 4, (uint32_t) status_count[ST_OK]);
      return 8;
    }
}

/* Answer the N-byte datagram BUF into OUT (BUF_SIZE bytes); return the
   reply length, or 0 to send nothing.  */
static size_t
handle_request (const unsigned char *buf, size_t n, unsigned char *out)
{
  if (n < HEADER_SIZE)
    {
      short_dropped++;
      return 0;
    }
  struct msg_header h;
  read_header (buf, &h);
  enum status st = check_header (&h, n);
  size_t payload_len = 0;
  if (st == ST_OK)
    payload_len = execute (&h, buf + HEADER_SIZE, out + HEADER_SIZE);
  status_count[st]++;
  write_header (out, st, (uint16_t) payload_len, h.id);
  return HEADER_SIZE + payload_len;
}

static void
print_state (void)
{
  printf ("accumulator %lu\n", (unsigned long) accumulator);
  for (int i = 0; i < N_STATUS; i++)
    printf ("%s %lu\n", status_names[i], status_count[i]);
  printf ("short %lu\n", short_dropped);
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PORT\n", argv[0]);
      return 2;
    }
  int port = parse_port (argv[1]);
  if (port < 0)
    {
      fprintf (stderr, "%s: invalid port '%s'\n", argv[0], argv[1]);
      return 2;
    }

  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sa.sa_flags = 0;		/* no SA_RESTART: poll must see EINTR */
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);

  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    {
      perror ("socket");
      return 1;
    }
  int one = 1;
  if (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
    {
      perror ("setsockopt");
      return 1;
    }
  struct sockaddr_in addr;
  memset (&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_ANY);
  addr.sin_port = htons ((uint16_t) port);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      perror ("bind");
      return 1;
    }

  printf ("ready\n");
  fflush (stdout);

  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  while (!stop_requested)
    {
      if (poll (&pfd, 1, -1) < 0)
	{
	  if (errno == EINTR)
	    continue;
	  perror ("poll");
	  return 1;
	}
      if (!(pfd.revents & POLLIN))
	continue;

      unsigned char buf[BUF_SIZE];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;

      unsigned char reply[BUF_SIZE];
      size_t reply_len = handle_request (buf, (size_t) n, reply);
      if (reply_len == 0)
	continue;
      sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer, peer_len);
    }

  print_state ();
  close (fd);
  return 0;
}
