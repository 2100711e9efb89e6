/* attach.c: attach the kernel program to the interfaces the service's
   requests arrive on.

   Copyright (C) 2026 the offload authors.
   This file is part of offload, distributed under the GNU General Public
   License version 3 or later; see COPYING.

   Every attachment is a BPF link held by a file descriptor: nothing is
   pinned, so when the process ends, however it ends, the last descriptor
   goes and the kernel detaches the program.  (A child created by fork
   shares the descriptors and keeps the links while it lives; exec drops
   them, as every BPF descriptor is close-on-exec.)

   Which interfaces: all that are up for a socket bound to a wildcard
   address, loopback included, otherwise those that carry the bound
   address.  Which mode: native (in the driver) where the driver has it,
   generic (in the stack) otherwise.  veth is the exception: its native
   XDP_TX needs an XDP program on the peer, which is not ours to load, and
   replies would vanish; generic mode costs about the same there.
   OFFLOAD_XDP_MODE=native or generic forces one mode.  */

#define _GNU_SOURCE 1
#include <offload-config.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/sockios.h>
#include <bpf/bpf.h>

#include "split-internal.h"

enum split_xdp_mode
{
  SPLIT_XDP_AUTO,
  SPLIT_XDP_NATIVE,
  SPLIT_XDP_GENERIC
};

/* Return true if interface IFNAME is a veth device.  */
static bool
split_veth_p (const char *ifname)
{
  struct ethtool_drvinfo info = { .cmd = ETHTOOL_GDRVINFO };
  struct ifreq ifr;
  bool veth = false;
  int fd;

  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return false;
  memset (&ifr, 0, sizeof ifr);
  snprintf (ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
  ifr.ifr_data = (void *) &info;
  if (ioctl (fd, SIOCETHTOOL, &ifr) == 0)
    veth = strcmp (info.driver, "veth") == 0;
  split_real_close (fd);
  return veth;
}

/* Return true if IFNAME is a loopback interface, which has no native
   XDP: there, even OFFLOAD_XDP_MODE=native means generic.  */
static bool
split_loopback_if_p (const char *ifname)
{
  struct ifreq ifr;
  bool loopback = false;
  int fd;

  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return false;
  memset (&ifr, 0, sizeof ifr);
  snprintf (ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
  if (ioctl (fd, SIOCGIFFLAGS, &ifr) == 0)
    loopback = (ifr.ifr_flags & IFF_LOOPBACK) != 0;
  split_real_close (fd);
  return loopback;
}

/* Return true if interface address SA is the address SS is bound to.  */
static bool
split_same_addr_p (const struct sockaddr *sa,
		   const struct sockaddr_storage *ss)
{
  const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) ss;

  if (!sa)
    return false;
  if (ss->ss_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED (&sin6->sin6_addr))
    return sa->sa_family == AF_INET
	   && memcmp (&((const struct sockaddr_in *) sa)->sin_addr,
		      &sin6->sin6_addr.s6_addr[12], 4) == 0;
  if (sa->sa_family != ss->ss_family)
    return false;
  if (sa->sa_family == AF_INET)
    return ((const struct sockaddr_in *) sa)->sin_addr.s_addr
	   == ((const struct sockaddr_in *) ss)->sin_addr.s_addr;
  return memcmp (&((const struct sockaddr_in6 *) sa)->sin6_addr,
		 &sin6->sin6_addr, 16) == 0;
}

/* Return true if SS is a wildcard address.  */
static bool
split_wildcard_p (const struct sockaddr_storage *ss)
{
  if (ss->ss_family == AF_INET)
    return ((const struct sockaddr_in *) ss)->sin_addr.s_addr
	   == htonl (INADDR_ANY);
  return IN6_IS_ADDR_UNSPECIFIED (&((const struct sockaddr_in6 *) ss)
				  ->sin6_addr);
}

/* Return true if SS is a loopback address: all of 127/8 reaches lo,
   while lo lists only 127.0.0.1.  */
static bool
split_loopback_p (const struct sockaddr_storage *ss)
{
  const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) ss;

  if (ss->ss_family == AF_INET)
    return (ntohl (((const struct sockaddr_in *) ss)->sin_addr.s_addr)
	    >> 24) == 127;
  if (IN6_IS_ADDR_V4MAPPED (&sin6->sin6_addr))
    return sin6->sin6_addr.s6_addr[12] == 127;
  return IN6_IS_ADDR_LOOPBACK (&sin6->sin6_addr);
}

/* Attach PROG_FD to interface IFNAME in MODE and record the link in SVC.
   Return 0 or a negative errno.  */
static int
split_attach_one (struct split_service *svc, int prog_fd, const char *ifname,
		  enum split_xdp_mode mode)
{
  unsigned int ifindex = if_nametoindex (ifname);
  struct split_link *link;
  bool native;
  int fd, err;

  if (!ifindex)
    return -errno;
  for (int i = 0; i < svc->n_links; i++)
    if (svc->links[i].ifindex == ifindex)
      return 0;
  if (mode == SPLIT_XDP_AUTO && split_veth_p (ifname))
    mode = SPLIT_XDP_GENERIC;
  /* Loopback traffic is served too, whatever the mode asked for the
     devices: a wildcard bind must not fail on lo.  */
  if (mode == SPLIT_XDP_NATIVE && split_loopback_if_p (ifname))
    {
      pr_debug ("%s: no native XDP on loopback; generic\n", ifname);
      mode = SPLIT_XDP_GENERIC;
    }

  native = mode != SPLIT_XDP_GENERIC;
  LIBBPF_OPTS (bpf_link_create_opts, opts,
	       .flags = native ? XDP_FLAGS_DRV_MODE : XDP_FLAGS_SKB_MODE);
  fd = bpf_link_create (prog_fd, ifindex, BPF_XDP, &opts);
  err = fd < 0 ? -errno : 0;
  /* A driver without native XDP says EOPNOTSUPP; some refuse for their
     current configuration (MTU, queues) with other errors.  Another
     program already there (EBUSY, EEXIST) or missing privilege would
     refuse generic mode just the same.  */
  if (fd < 0 && mode == SPLIT_XDP_AUTO && err != -EBUSY && err != -EEXIST
      && err != -EPERM)
    {
      pr_debug ("%s: native XDP: %s; trying generic\n", ifname,
		strerror (-err));
      native = false;
      opts.flags = XDP_FLAGS_SKB_MODE;
      fd = bpf_link_create (prog_fd, ifindex, BPF_XDP, &opts);
      err = fd < 0 ? -errno : 0;
    }
  if (fd < 0)
    return err;
  /* The kernel makes BPF descriptors close-on-exec; say it again in case
     an older one does not.  */
  fcntl (fd, F_SETFD, FD_CLOEXEC);

  link = realloc (svc->links, (svc->n_links + 1) * sizeof *svc->links);
  if (!link)
    {
      split_real_close (fd);
      return -ENOMEM;
    }
  svc->links = link;
  link += svc->n_links++;
  link->fd = fd;
  link->ifindex = ifindex;
  link->native = native;
  snprintf (link->ifname, sizeof link->ifname, "%s", ifname);
  pr_debug ("%s: XDP program attached to %s (%s)\n", svc->prog->name,
	    ifname, native ? "native" : "generic");
  return 0;
}

int
split_attach_xdp (struct split_service *svc, int prog_fd,
		  const struct sockaddr_storage *ss, char *why,
		  size_t why_size)
{
  const char *mode_env = getenv ("OFFLOAD_XDP_MODE");
  enum split_xdp_mode mode = SPLIT_XDP_AUTO;
  bool wildcard = split_wildcard_p (ss);
  bool loopback = !wildcard && split_loopback_p (ss);
  bool must_attach_all;
  struct ifaddrs *ifas, *ifa;
  char refused[64] = "";
  int first_err = 0, err;

  if (mode_env && *mode_env)
    {
      if (strcmp (mode_env, "native") == 0)
	mode = SPLIT_XDP_NATIVE;
      else if (strcmp (mode_env, "generic") == 0)
	mode = SPLIT_XDP_GENERIC;
      else
	{
	  snprintf (why, why_size, "OFFLOAD_XDP_MODE=%s: expected native or "
		    "generic", mode_env);
	  return -EINVAL;
	}
    }

  if (getifaddrs (&ifas) != 0)
    {
      err = -errno;
      snprintf (why, why_size, "cannot list the interfaces: %s",
		strerror (-err));
      return err;
    }

  /* When the program keeps request order, a request reaching the socket
     through an interface without the program would not be counted as
     passed up, and the count is what keeps order; so then every
     interface must take it.  */
  must_attach_all = svc->order != NULL;

  for (ifa = ifas; ifa; ifa = ifa->ifa_next)
    {
      bool want;

      if (!(ifa->ifa_flags & IFF_UP))
	continue;
      if (wildcard)
	/* Every interface has exactly one AF_PACKET entry, addresses or
	   not.  */
	want = ifa->ifa_addr && ifa->ifa_addr->sa_family == AF_PACKET;
      else
	want = split_same_addr_p (ifa->ifa_addr, ss)
	       || (loopback && (ifa->ifa_flags & IFF_LOOPBACK)
		   && ifa->ifa_addr && ifa->ifa_addr->sa_family == AF_PACKET);
      if (!want)
	continue;
      err = split_attach_one (svc, prog_fd, ifa->ifa_name, mode);
      if (err)
	{
	  pr_debug ("%s: %s refuses the XDP program: %s; skipped\n",
		    svc->prog->name, ifa->ifa_name, strerror (-err));
	  if (!first_err)
	    {
	      first_err = err;
	      snprintf (refused, sizeof refused, "%s", ifa->ifa_name);
	    }
	}
    }
  freeifaddrs (ifas);

  if (first_err && (must_attach_all || !svc->n_links))
    {
      if (first_err == -EPERM || first_err == -EACCES)
	snprintf (why, why_size, "need CAP_NET_ADMIN to attach XDP to %s",
		  refused);
      else if (svc->n_links)
	snprintf (why, why_size, "%s refuses the XDP program (%s), and "
		  "request order needs every interface", refused,
		  strerror (-first_err));
      else
	snprintf (why, why_size, "%s refuses the XDP program: %s", refused,
		  strerror (-first_err));
      split_detach_xdp (svc);
      return first_err;
    }
  if (!svc->n_links)
    {
      snprintf (why, why_size, "no interface that is up carries the "
		"socket's address");
      return -ENODEV;
    }
  return 0;
}

void
split_detach_xdp (struct split_service *svc)
{
  for (int i = 0; i < svc->n_links; i++)
    split_real_close (svc->links[i].fd);
  free (svc->links);
  svc->links = NULL;
  svc->n_links = 0;
}
