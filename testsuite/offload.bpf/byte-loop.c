/* byte-loop: a UDP text transformer; every request is walked byte by
   byte, up to its length.

   Requests (one per datagram; one trailing "\n" or "\r\n" is not part
   of TEXT; TEXT may be empty and may hold any bytes):
     ROT13 TEXT  ->  TEXT with ASCII letters rotated by 13, " ", HASH, "\n"
     UPPER TEXT  ->  TEXT with ASCII letters upper-cased, " ", HASH, "\n"
     HASH TEXT   ->  HASH "\n"
   HASH is the 32-bit FNV-1a hash of TEXT in 8 lower-case hex digits.
   Anything else gets "ERR\n".  On exit the server prints how many
   requests of each kind it answered, the number of text bytes it
   hashed and the hash of the last text.

   Usage: byte-loop PORT  */
/* { dg-do link } */
/* { dg-final { offload-report-count programs 1 } } */
/* { dg-final { scan-offload-report-value paths.*.verdict offloaded } } */
/* { dg-final { offload-bpf-loads } } */
/* { dg-final { offload-bpf-embedded } } */
/* { dg-final { offload-bpf-registered } } */
/* { dg-final { offload-bpf-diff 19106 } } */


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

#define RECV_SIZE 512
#define REPLY_SIZE (RECV_SIZE + 16)

enum command { CMD_ROT13, CMD_UPPER, CMD_HASH, N_COMMANDS };

static const char *const command_names[N_COMMANDS] = {
  "rot13", "upper", "hash"
};

/* Server state, printed on exit.  */
static unsigned long command_count[N_COMMANDS];
static unsigned long errors;
static unsigned long long bytes_hashed;
static uint32_t last_hash;

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
fnv1a (const unsigned char *data, size_t len)
{
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    {
      h ^= data[i];
      h *= 16777619u;
    }
  return h;
}

static unsigned char
rot13 (unsigned char c)
{
  if (c >= 'a' && c <= 'z')
    return (unsigned char) ('a' + (c - 'a' + 13) % 26);
  if (c >= 'A' && c <= 'Z')
    return (unsigned char) ('A' + (c - 'A' + 13) % 26);
  return c;
}

static unsigned char
to_upper (unsigned char c)
{
  if (c >= 'a' && c <= 'z')
    return (unsigned char) (c - 'a' + 'A');
  return c;
}

/* Write V as 8 lower-case hex digits to OUT.  */
static void
format_hex32 (char *out, uint32_t v)
{
  static const char hex[] = "0123456789abcdef";
  for (int i = 7; i >= 0; i--)
    {
      out[i] = hex[v & 0xf];
      v >>= 4;
    }
}

/* If the LEN bytes at REQ start with WORD and a space, return the
   length of that prefix, else 0.  */
static size_t
match_command (const unsigned char *req, size_t len, const char *word)
{
  size_t n = strlen (word);
  if (len > n && memcmp (req, word, n) == 0 && req[n] == ' ')
    return n + 1;
  return 0;
}

/* Answer the LEN-byte request REQ into OUT (REPLY_SIZE bytes); return
   the reply length.  */
static size_t
handle_request (const unsigned char *req, size_t len, char *out)
{
  if (len > 0 && req[len - 1] == '\n')
    len--;
  if (len > 0 && req[len - 1] == '\r')
    len--;

  enum command cmd;
  size_t skip;
  if ((skip = match_command (req, len, "ROT13")) != 0)
    cmd = CMD_ROT13;
  else if ((skip = match_command (req, len, "UPPER")) != 0)
    cmd = CMD_UPPER;
  else if ((skip = match_command (req, len, "HASH")) != 0)
    cmd = CMD_HASH;
  else
    {
      errors++;
      memcpy (out, "ERR\n", 4);
      return 4;
    }

  const unsigned char *text = req + skip;
  size_t text_len = len - skip;
  size_t pos = 0;
  if (cmd == CMD_ROT13)
    {
      for (size_t i = 0; i < text_len; i++)
	out[pos++] = (char) rot13 (text[i]);
      out[pos++] = ' ';
    }
  else if (cmd == CMD_UPPER)
    {
      for (size_t i = 0; i < text_len; i++)
	out[pos++] = (char) to_upper (text[i]);
      out[pos++] = ' ';
    }

  uint32_t h = fnv1a (text, text_len);
  format_hex32 (out + pos, h);
  pos += 8;
  out[pos++] = '\n';

  command_count[cmd]++;
  bytes_hashed += text_len;
  last_hash = h;
  return pos;
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

      unsigned char buf[RECV_SIZE];
      struct sockaddr_in peer;
      socklen_t peer_len = sizeof peer;
      ssize_t n = recvfrom (fd, buf, sizeof buf, 0,
			    (struct sockaddr *) &peer, &peer_len);
      if (n < 0)
	continue;

      char reply[REPLY_SIZE];
      size_t reply_len = handle_request (buf, (size_t) n, reply);
      sendto (fd, reply, reply_len, 0, (struct sockaddr *) &peer, peer_len);
    }

  for (int i = 0; i < N_COMMANDS; i++)
    printf ("%s %lu\n", command_names[i], command_count[i]);
  printf ("errors %lu\nbytes %llu\nlast_hash %08lx\n", errors, bytes_hashed,
	  (unsigned long) last_hash);
  close (fd);
  return 0;
}
