/**
 * The trigger gallery: a folder of vetted script entries ({@code <id>/manifest.json}, the script,
 * a README and its test cases), and what the {@code autosync gallery} commands do with it.
 *
 * <ul>
 *   <li>{@link org.autosync.host.gallery.Gallery} reads a gallery folder into {@link
 *       org.autosync.host.gallery.GalleryEntry entries}, each with the SHA-256 of the files an
 *       installation gets;
 *   <li>{@link org.autosync.host.gallery.GalleryInstaller} copies an entry into a scripts folder
 *       and writes its {@link org.autosync.host.gallery.InstallRecord} ({@code .gallery.json}:
 *       id, version, source, SHA-256 of every file);
 *   <li>{@link org.autosync.host.gallery.GalleryVerifier} compares installed copies with their
 *       records and with the gallery: intact, edited, missing files, tampered record, or not from
 *       the gallery;
 *   <li>{@link org.autosync.host.gallery.GalleryIndex} renders {@code index.json};
 *   <li>{@link org.autosync.host.gallery.GalleryScaffold} writes a new, working entry with its
 *       test cases.
 * </ul>
 *
 * <p>Nothing here runs scripts; the scripts module does, once an entry is installed.
 */
@NullMarked
package org.autosync.host.gallery;

import org.jspecify.annotations.NullMarked;
