package dev.hotpath.pool.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A photo with an identity id: Hibernate reads it back through {@code getGeneratedKeys()}. */
@Entity
@Table(name = "hib_photo")
public class Photo {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "album_id", nullable = false)
  private Album album;

  private String caption;

  protected Photo() {}

  public Photo(Album album, String caption) {
    this.album = album;
    this.caption = caption;
  }

  public Long getId() {
    return id;
  }

  public String getCaption() {
    return caption;
  }
}
