/* service.c: start a registered kernel program for the socket the
   program binds, or say why its requests stay in userspace.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   The order of the steps matters.  The program is loaded, the globals
   shared and the XDP links created while the program's offload_config
   still says port 0, in which state it passes every packet up untouched;
   filling in offload_config comes last and is what hands requests to the
   kernel.  Any failure before that leaves a process that serves
   everything from userspace exactly as if it had no offload, and says so
   in one line.  */

#include <offload-config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "split-internal.h"

/* Several threads may bind at once; starts are rare and slow anyway.  */
static pthread_mutex_t split_service_lock = PTHREAD_MUTEX_INITIALIZER;

/* libbpf's own messages (the verifier's log among them) are for whoever
   debugs the runtime, never for the program's users.  */
static int
split_libbpf_print (enum libbpf_print_level level, const char *format,
		    va_list args)
{
  (void) level;
  split__vprint (SPLIT_DEBUG, format, args);
  return 0;
}

/* Return the registered program, not started yet, that serves UDP (or,
   if STREAM, TCP) port PORT: the one built for that port, else one whose port was not known at
   link time.  */
static struct split_service *
split_service_find (unsigned int port, bool stream)
{
  int n = __atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE);
  struct split_service *any = NULL;

  for (int i = 0; i < n; i++)
    {
      struct split_service *svc = &split_services[i];

      if (svc->state != SPLIT_STATE_IDLE
	  || !(svc->prog->flags & SPLIT_PROGRAM_STREAM) == stream)
	continue;
      if (svc->prog->port == port)
	return svc;
      if (svc->prog->port == 0 && !any)
	any = svc;
    }
  return any;
}

/* Fill CONFIG with what the kernel program must match: the socket FD's
   family, port and, unless it is bound to a wildcard, address SS.  */
static void
split_service_config (int fd, const struct sockaddr_storage *ss,
		      struct split_xdp_config *config)
{
  memset (config, 0, sizeof *config);
  config->family = ss->ss_family;
  if (ss->ss_family == AF_INET)
    {
      const struct sockaddr_in *sin = (const struct sockaddr_in *) ss;

      config->port = sin->sin_port;
      if (sin->sin_addr.s_addr != htonl (INADDR_ANY))
	{
	  config->bound = 1;
	  memcpy (config->addr, &sin->sin_addr, 4);
	}
    }
  else
    {
      const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) ss;
      int v6only = 0;
      socklen_t len = sizeof v6only;

      config->port = sin6->sin6_port;
      /* The default comes from net.ipv6.bindv6only; ask the socket.  */
      if (getsockopt (fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len) == 0)
	config->v6only = v6only != 0;
      if (!IN6_IS_ADDR_UNSPECIFIED (&sin6->sin6_addr))
	{
	  config->bound = 1;
	  memcpy (config->addr, &sin6->sin6_addr, 16);
	}
    }
}

/* Return true if SS is a multicast address: replies to datagrams sent
   to a group come from a unicast address the routing picks, which the
   kernel program cannot know.  */
static bool
split_multicast_p (const struct sockaddr_storage *ss)
{
  if (ss->ss_family == AF_INET)
    return IN_MULTICAST (ntohl (((const struct sockaddr_in *) ss)
				->sin_addr.s_addr));
  return IN6_IS_ADDR_MULTICAST (&((const struct sockaddr_in6 *) ss)
				->sin6_addr);
}

/* Find map NAME of SVC's object, of type TYPE and value size VALUE_SIZE
   (0: any); return NULL and say why in WHY otherwise.  */
static struct bpf_map *
split_service_map (struct split_service *svc, const char *name,
		   enum bpf_map_type type, unsigned int value_size,
		   char *why, size_t why_size)
{
  struct bpf_map *map = bpf_object__find_map_by_name (svc->obj, name);

  if (!map)
    snprintf (why, why_size, "the BPF object has no map %s", name);
  else if (bpf_map__type (map) != type
	   || (value_size && bpf_map__value_size (map) != value_size))
    {
      snprintf (why, why_size, "the BPF object's map %s is not what this "
		"libsplit (%s) expects; rebuild with the matching plugin",
		name, split__version ());
      map = NULL;
    }
  return map;
}

/* Have SVC's map NAME, if there is one, created mmapable.  */
static void
split_service_mmapable (struct split_service *svc, const char *name)
{
  struct bpf_map *map = bpf_object__find_map_by_name (svc->obj, name);

  if (map)
    bpf_map__set_map_flags (map, bpf_map__map_flags (map) | BPF_F_MMAPABLE);
}

/* Release what a failed start of SVC acquired.  */
static void
split_service_unload (struct split_service *svc)
{
  split_order_teardown (svc);
  split_detach_xdp (svc);
  split_globals_unshare (svc);
  bpf_object__close (svc->obj);
  svc->obj = NULL;
  svc->stats_fd = -1;
  svc->config_fd = -1;
  free (svc->percpu);
  svc->percpu = NULL;
}

/* Load SVC's kernel program for the socket FD bound to SS and activate
   it.  Return 0, or a negative errno with the reason in WHY.  */
static int
split_service_load (struct split_service *svc, int fd,
		    const struct sockaddr_storage *ss, char *why,
		    size_t why_size)
{
  const struct split_program *prog = svc->prog;
  bool ordered = prog->flags & SPLIT_PROGRAM_ORDERED;
  bool stream = prog->flags & SPLIT_PROGRAM_STREAM;
  struct bpf_program *xdp;
  struct bpf_map *map;
  struct split_xdp_config config;
  unsigned int zero = 0;
  int err, n_cpus;

  if (split_multicast_p (ss))
    {
      snprintf (why, why_size, "the socket is bound to a multicast "
		"address");
      return -EOPNOTSUPP;
    }

  /* Ask the cheap question first, so that the common failure (an
     ordinary user) gets a precise reason and costs nothing.  */
  err = split_probe_map (prog->n_globals || ordered ? BPF_F_MMAPABLE : 0,
			 SPLIT_DEBUG);
  if (err == -EPERM || err == -EACCES)
    {
      snprintf (why, why_size, "need CAP_BPF and CAP_NET_ADMIN");
      return err;
    }
  if (err == -EINVAL && (prog->n_globals || ordered))
    {
      snprintf (why, why_size, "the kernel cannot mmap BPF arrays");
      return err;
    }
  if (err)
    {
      snprintf (why, why_size, "cannot create a BPF map: %s",
		strerror (-err));
      return err;
    }

  LIBBPF_OPTS (bpf_object_open_opts, open_opts,
	       .object_name = prog->name);
  svc->obj = bpf_object__open_mem (prog->object, prog->object_size,
				   &open_opts);
  if (!svc->obj)
    {
      err = -errno;
      snprintf (why, why_size, "cannot open the embedded BPF object %s: %s",
		prog->name, strerror (-err));
      return err;
    }
  xdp = bpf_object__find_program_by_name (svc->obj, stream
					  ? SPLIT_SK_SKB_PROG_NAME
					  : SPLIT_XDP_PROG_NAME);
  if (!xdp)
    {
      snprintf (why, why_size, "the BPF object has no program %s",
		stream ? SPLIT_SK_SKB_PROG_NAME : SPLIT_XDP_PROG_NAME);
      return -ENOENT;
    }
  /* libbpf 1.1 makes a .data map mmapable only if it holds a non-static
     variable, and the generated programs' are static; the runtime maps
     both of these, so it asks for it.  */
  if (prog->n_globals)
    split_service_mmapable (svc, SPLIT_GLOBALS_MAP_NAME);
  if (ordered)
    {
      split_service_mmapable (svc, SPLIT_ORDER_MAP_NAME);
      split_service_mmapable (svc, SPLIT_SYNC_MAP_NAME);
    }
  err = bpf_object__load (svc->obj);
  if (err)
    {
      if (err == -EPERM || err == -EACCES)
	snprintf (why, why_size, "need CAP_BPF and CAP_NET_ADMIN");
      else
	snprintf (why, why_size, "the kernel refused the BPF program: %s; "
		  "OFFLOAD_DEBUG=1 shows why", strerror (-err));
      return err;
    }

  map = split_service_map (svc, SPLIT_CONFIG_MAP_NAME, BPF_MAP_TYPE_ARRAY,
			   sizeof config, why, why_size);
  if (!map)
    return -ENOENT;
  svc->config_fd = bpf_map__fd (map);
  map = split_service_map (svc, SPLIT_STATS_MAP_NAME,
			   BPF_MAP_TYPE_PERCPU_ARRAY, sizeof (uint64_t),
			   why, why_size);
  if (!map)
    return -ENOENT;
  n_cpus = libbpf_num_possible_cpus ();
  if (n_cpus <= 0)
    {
      snprintf (why, why_size, "cannot count the CPUs: %s",
		strerror (-n_cpus));
      return n_cpus ? n_cpus : -EINVAL;
    }
  svc->percpu = calloc (n_cpus, sizeof *svc->percpu);
  if (!svc->percpu)
    {
      snprintf (why, why_size, "out of memory");
      return -ENOMEM;
    }
  svc->n_cpus = n_cpus;
  svc->stats_fd = bpf_map__fd (map);

  if (prog->n_globals)
    {
      map = split_service_map (svc, SPLIT_GLOBALS_MAP_NAME,
			       BPF_MAP_TYPE_ARRAY, 0, why, why_size);
      if (!map)
	return -ENOENT;
      err = split_globals_share (svc, map, why, why_size);
      if (err)
	return err;
    }

  if (ordered)
    {
      map = bpf_object__find_map_by_name (svc->obj, SPLIT_ORDER_MAP_NAME);
      if (!map)
	/* A kernel program built before order was kept: it serves as
	   it always did.  */
	pr_debug ("%s: the BPF object has no %s; request order is not "
		  "kept\n", prog->name, SPLIT_ORDER_MAP_NAME);
      else
	{
	  err = split_order_setup (svc, map, why, why_size);
	  if (err)
	    return err;
	}
      map = bpf_object__find_map_by_name (svc->obj, SPLIT_SYNC_MAP_NAME);
      if (map)
	{
	  err = split_sync_setup (svc, map, why, why_size);
	  if (err)
	    return err;
	}
    }

  if (stream)
    err = split_stream_attach (svc, why, why_size);
  else
    err = split_attach_xdp (svc, bpf_program__fd (xdp), ss, why, why_size);
  if (err)
    return err;

  /* Last: from here on the kernel answers.  */
  split_service_config (fd, ss, &config);
  if (svc->order)
    split_order_activate (svc);
  err = bpf_map_update_elem (svc->config_fd, &zero, &config, BPF_ANY);
  if (err)
    {
      snprintf (why, why_size, "cannot write %s: %s", SPLIT_CONFIG_MAP_NAME,
		strerror (-err));
      return err;
    }
  if (svc->order)
    split_order_first_sync (svc);
  return 0;
}

/* Write into BUF the interfaces SVC is attached to, and how: "(XDP,
   generic) on lo, veth0", or per interface when the modes differ.  */
static void
split_service_where (const struct split_service *svc, char *buf,
		     size_t size)
{
  bool mixed = false;
  size_t len;

  if (svc->prog->flags & SPLIT_PROGRAM_STREAM)
    {
      snprintf (buf, size, "(SK_SKB) on its accepted connections");
      return;
    }

  for (int i = 1; i < svc->n_links; i++)
    mixed |= svc->links[i].native != svc->links[0].native;
  if (mixed)
    len = snprintf (buf, size, "(XDP) on ");
  else
    len = snprintf (buf, size, "(XDP, %s) on ",
		    svc->links[0].native ? "native" : "generic");
  for (int i = 0; i < svc->n_links && len < size; i++)
    {
      const struct split_link *link = &svc->links[i];

      len += snprintf (buf + len, size - len, "%s%s%s", i ? ", " : "",
		       link->ifname,
		       !mixed ? "" : link->native ? " (native)" : " (generic)");
    }
}

/* Start SVC for socket FD, bound to SS; called with the lock held.  */
static void
split_service_start (struct split_service *svc, int fd,
		     const struct sockaddr_storage *ss, unsigned int port)
{
  const char *disable = getenv ("OFFLOAD_DISABLE");
  libbpf_print_fn_t old_print;
  char why[sizeof svc->reason];
  char where[256];
  int err;

  svc->sock_fd = fd;
  svc->port = port;
  svc->pid = getpid ();
  split_stats_install_signal ();

  if (disable && strcmp (disable, "1") == 0)
    {
      snprintf (svc->reason, sizeof svc->reason,
		"disabled by OFFLOAD_DISABLE=1");
      __atomic_store_n (&svc->state, SPLIT_STATE_USERSPACE,
			__ATOMIC_RELEASE);
      pr_debug ("%s: OFFLOAD_DISABLE=1: serving UDP port %u from "
		"userspace\n", svc->prog->name, port);
      return;
    }

  why[0] = '\0';
  old_print = libbpf_set_print (split_libbpf_print);
  err = split_service_load (svc, fd, ss, why, sizeof why);
  libbpf_set_print (old_print);
  if (err)
    {
      split_service_unload (svc);
      if (!why[0])
	snprintf (why, sizeof why, "%s", strerror (-err));
      memcpy (svc->reason, why, sizeof svc->reason);
      __atomic_store_n (&svc->state, SPLIT_STATE_USERSPACE,
			__ATOMIC_RELEASE);
      pr_warn ("the kernel fast path is not available (%s); serving from "
	       "userspace\n", why);
      return;
    }

  __atomic_store_n (&svc->state, SPLIT_STATE_KERNEL, __ATOMIC_RELEASE);
  split_service_where (svc, where, sizeof where);
  pr_info ("serving %s port %u from the kernel %s\n",
	   svc->prog->flags & SPLIT_PROGRAM_STREAM ? "TCP" : "UDP", port,
	   where);
}

void
split_service_bound (int fd)
{
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  int type, protocol;
  socklen_t optlen;
  struct split_service *svc;
  unsigned int port;

  if (!__atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE))
    return;
  optlen = sizeof type;
  if (getsockopt (fd, SOL_SOCKET, SO_TYPE, &type, &optlen) != 0
      || (type != SOCK_DGRAM && type != SOCK_STREAM))
    return;
  optlen = sizeof protocol;
  if (getsockopt (fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &optlen) != 0
      || protocol != (type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP))
    return;
  /* The bound address, not the one asked for: port 0 asks for any.  */
  if (getsockname (fd, (struct sockaddr *) &ss, &len) != 0)
    return;
  if (ss.ss_family == AF_INET)
    port = ntohs (((struct sockaddr_in *) &ss)->sin_port);
  else if (ss.ss_family == AF_INET6)
    port = ntohs (((struct sockaddr_in6 *) &ss)->sin6_port);
  else
    return;

  pthread_mutex_lock (&split_service_lock);
  svc = split_service_find (port, type == SOCK_STREAM);
  if (svc)
    split_service_start (svc, fd, &ss, port);
  pthread_mutex_unlock (&split_service_lock);
}

/* The program closes the service socket: the original would not answer
   the port's requests any more, so neither may the kernel.  Only the
   process that started the service stops it: a child closing its copy
   of the socket after fork leaves the parent's service alone.  */
void
split_service_closing (int fd)
{
  int n = __atomic_load_n (&split_n_services, __ATOMIC_ACQUIRE);
  struct split_xdp_config config;
  unsigned int zero = 0;

  for (int i = 0; i < n; i++)
    {
      struct split_service *svc = &split_services[i];

      if (__atomic_load_n (&svc->sock_fd, __ATOMIC_RELAXED) != fd)
	continue;
      pthread_mutex_lock (&split_service_lock);
      if (svc->sock_fd == fd && svc->pid == getpid ())
	{
	  if (svc->state == SPLIT_STATE_KERNEL && svc->n_links)
	    {
	      /* Port 0 first: requests already on their way are passed
		 up while the links go.  */
	      memset (&config, 0, sizeof config);
	      bpf_map_update_elem (svc->config_fd, &zero, &config, BPF_ANY);
	      /* The state stays "kernel": that is where the service was
		 served, which is what the statistics report.  */
	      split_detach_xdp (svc);
	      pr_debug ("%s: socket %d closed: UDP port %u no longer served "
			"from the kernel\n", svc->prog->name, fd, svc->port);
	    }
	  /* The wrappers stop counting for this descriptor, which the
	     program may reuse for anything.  */
	  split_order_teardown (svc);
	  __atomic_store_n (&svc->sock_fd, -1, __ATOMIC_RELEASE);
	}
      pthread_mutex_unlock (&split_service_lock);
    }
}
