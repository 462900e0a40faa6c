/*
 * nt4/lab_int.h - lab functions shared only with nt4/domain.c.
 */
#ifndef NT4_LAB_INT_H
#define NT4_LAB_INT_H

struct errinfo;
struct lab;
struct domain;

/* lab_domain_adopt - cache a freshly created PDC under name. */
int lab_domain_adopt(struct lab *l, const char *name, struct domain *d,
		     struct errinfo *ei);

#endif
