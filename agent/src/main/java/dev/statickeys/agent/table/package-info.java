/**
 * Reading the site tables ({@code META-INF/statickeys/sites}) that class loaders see: parsing and checking each
 * table field by field, and merging the tables of one loader into records per class, key and site.
 *
 * <p>What it may use: {@code java.base} and the relocated generic core only.
 */
package dev.statickeys.agent.table;
