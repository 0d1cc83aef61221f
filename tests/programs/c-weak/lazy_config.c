/* Archive member that nothing references strongly: a weak definition of config_value in
   main.c does not pull it in, so its strong definition must NOT be used. */
int config_value(void) { return 999; }
int lazy_feature(void) { return 1; }
