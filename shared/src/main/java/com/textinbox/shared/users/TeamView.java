package com.textinbox.shared.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place a team reaches clients as JSON (docs/openapi.yaml, schema {@code Team}). */
public final class TeamView {
  private TeamView() {}

  /** A member as listed: their id, and their name when it was read. */
  public record Member(String id, String name, boolean named) {
    public static Member named(String id, String name) {
      return new Member(id, name, true);
    }

    public static Member idOnly(String id) {
      return new Member(id, null, false);
    }
  }

  /** {@code {id, name, members: [{id, name}]}} ({@code name} left out of members read without it). */
  public static Map<String, Object> of(Team team, List<Member> members) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Member member : members) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", member.id());
      if (member.named()) {
        m.put("name", member.name());
      }
      list.add(m);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", team.teamId());
    view.put("name", team.name());
    view.put("members", list);
    return view;
  }
}
