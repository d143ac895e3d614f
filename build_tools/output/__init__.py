"""What happens to the built site: HTML sanitizing, link checking, atomic publishing."""
