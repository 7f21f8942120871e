package com.textinbox.shared.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.appointments.ReplyClassifier.Answer;
import org.junit.jupiter.api.Test;

class ReplyClassifierTest {
  @Test
  void yesWordsConfirmInEitherLanguageWhateverTheCaseAccentsAndPunctuation() {
    for (String body : new String[] {"YES", "yes", "Y", "oui", "Oui!", " O ", "confirm", "CONFIRM.", "óui"}) {
      assertEquals(Answer.CONFIRM, ReplyClassifier.classify(body), body);
    }
  }

  @Test
  void noWordsCancel() {
    for (String body : new String[] {"NO", "no", "n", "NON", "Non.", " non! "}) {
      assertEquals(Answer.CANCEL, ReplyClassifier.classify(body), body);
    }
  }

  @Test
  void anythingElseIsForAPerson() {
    for (String body : new String[] {"Can we make it 10?", "oui mais plutôt 10h", "yes please", "nope", "", "   ", "OK",
        "STOP"}) {
      assertEquals(Answer.OTHER, ReplyClassifier.classify(body), body);
    }
    assertEquals(Answer.OTHER, ReplyClassifier.classify(null));
  }

  @Test
  void eachAnswerHasItsStatus() {
    assertEquals(AppointmentStatus.CONFIRMED, ReplyClassifier.statusFor(Answer.CONFIRM));
    assertEquals(AppointmentStatus.CANCELLED, ReplyClassifier.statusFor(Answer.CANCEL));
    assertEquals(AppointmentStatus.REPLIED, ReplyClassifier.statusFor(Answer.OTHER));
  }
}
