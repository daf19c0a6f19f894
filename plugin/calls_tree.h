/* calls_tree.h - the Statistics menu entry for ClusPrep calls (calls_tree.c). */
#ifndef CSVP_PLUGIN_CALLS_TREE_H
#define CSVP_PLUGIN_CALLS_TREE_H

void csvp_calls_tree_register(void);

#endif
