/* Data files embedded in the binary at build time (tools/embed-data.sh), so
 * that init works wherever the binary is. */
#ifndef SANGTAO_DATAFILES_H
#define SANGTAO_DATAFILES_H

extern const char data_holidays_csv[];   /* data/holidays.csv */
extern const char data_units_demo_csv[]; /* data/units_demo.csv: Bình Định, 2022 */

#endif
