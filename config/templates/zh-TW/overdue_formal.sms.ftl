【${lender.name}】${borrower.name}您好，您的貸款已逾期${installment.dpd}天，我們已透過電子郵件及「${lender.appName}」App寄送正式逾期通知，請儘速查閱。如需協助，請致電${lender.hotline}。回覆TD退訂
