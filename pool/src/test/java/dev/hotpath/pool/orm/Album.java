package dev.hotpath.pool.orm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordinary entity of fifteen columns: a sequence id (so that Hibernate can batch its inserts),
 * a version, an enum, a CLOB, a BLOB and a lazy collection.
 */
@Entity
@Table(name = "hib_album")
public class Album {

  /** Whether other users see the album. */
  public enum Visibility { PRIVATE, PUBLIC }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hib_album_seq")
  @SequenceGenerator(name = "hib_album_seq", sequenceName = "hib_album_seq", allocationSize = 50)
  private Long id;

  @Version
  private int version;

  @Column(nullable = false, length = 200)
  private String title;

  @Column(name = "owner_name", nullable = false, length = 100)
  private String ownerName;

  @Column(length = 2000)
  private String description;

  private Instant createdAt;
  private Instant updatedAt;

  @Enumerated(EnumType.STRING)
  @Column(length = 20)
  private Visibility visibility;

  private double rating;
  private int photoCount;
  private boolean archived;
  private long sortKey;

  @Column(length = 200)
  private String location;

  @Lob
  private String notes;

  @Lob
  private byte[] cover;

  @OneToMany(mappedBy = "album", fetch = FetchType.LAZY)
  @OrderBy("id")
  private List<Photo> photos = new ArrayList<>();

  protected Album() {}

  public Album(String title, String ownerName) {
    this.title = title;
    this.ownerName = ownerName;
    this.description = "an album called " + title;
    this.createdAt = Instant.parse("2026-01-02T03:04:05Z");
    this.updatedAt = createdAt;
    this.visibility = Visibility.PUBLIC;
    this.rating = 4.5;
    this.location = "Lisbon";
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }

  public byte[] getCover() {
    return cover;
  }

  public void setCover(byte[] cover) {
    this.cover = cover;
  }

  public List<Photo> getPhotos() {
    return photos;
  }
}
